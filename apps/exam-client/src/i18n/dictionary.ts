// Simple dictionary i18n: Chinese by default, English on the toggle. `{name}` placeholders.
const zh = {
  'app.title': '职业技能等级认定 · 理论知识机考',
  'app.brand': '鉴定',
  'pref.language': 'English',
  'pref.languageLabel': '切换为英文界面',
  'pref.largeText': '大字号',
  'pref.largeTextLabel': '大字号模式',

  'signin.title': '考生登录',
  'signin.lead': '请输入准考证号和身份证号登录考试。',
  'signin.ticket': '准考证号',
  'signin.idNumber': '身份证号',
  'signin.ticketHint': '见准考证右上角',
  'signin.idHint': '18 位，末位可为 X',
  'signin.submit': '登录',
  'signin.submitting': '正在登录…',
  'signin.required': '请填写准考证号和身份证号。',
  'signin.error.CANDIDATE_CREDENTIALS_INVALID': '准考证号或身份证号不正确，请核对后重试。',
  'signin.error.SESSION_NOT_OPEN': '当前不在本场考试的开放时间内，请听从监考老师安排。',
  'signin.error.TOO_MANY_ATTEMPTS': '尝试次数过多，请稍后再试或联系监考老师。',
  'signin.error.network': '无法连接考试服务器，请检查网络后重试。',
  'signin.error.unknown': '登录失败：{message}',
  'signin.expired': '登录状态已失效，请重新登录。已作答的内容不会丢失。',
  'signin.footer': '如遇问题，请举手示意监考老师。',

  loading: '正在加载考试…',
  'boot.offline': '无法连接考试服务器，正在重试…',
  'boot.retry': '立即重试',

  'instructions.title': '考试须知',
  'instructions.candidate': '考生',
  'instructions.ticket': '准考证号',
  'instructions.session': '场次',
  'instructions.occupation': '职业（工种）',
  'instructions.level': '等级',
  'instructions.items': '题量',
  'instructions.itemsValue': '共 {count} 题，满分 {points} 分',
  'instructions.remaining': '剩余时间',
  'instructions.rule1': '考试全程须在全屏模式下进行。退出全屏、切换窗口或标签页都会被记录并提示监考老师。',
  'instructions.rule2': '复制、粘贴、右键菜单、打印和开发者工具已被禁用，相关操作会被记录。',
  'instructions.rule3': '每次作答都会立即保存。断网时答案暂存在本机，恢复网络后自动上传，不会丢失。',
  'instructions.rule4':
    '可用键盘作答：数字 1–8 或字母 A–H 选择选项（判断题 1/A/T 为“正确”，2/B/F 为“错误”），← → 翻题，M 标记待检查。',
  'instructions.rule5': '考试时间以服务器为准，时间到时系统将自动交卷。',
  'instructions.start': '进入全屏开始考试',
  'instructions.fullscreenFailed': '无法进入全屏。请允许本页面使用全屏后重试，或联系监考老师。',

  'type.judge': '判断题',
  'type.single': '单选题',
  'type.multiple': '多选题',
  'type.multipleHint': '多选题：请选择所有正确选项',
  'judge.true': '正确',
  'judge.false': '错误',
  'question.number': '第 {n} 题',
  'question.of': '共 {total} 题',
  'question.points': '{points} 分',
  'question.options': '选项',
  'question.clear': '清除作答',

  'nav.title': '答题卡',
  'nav.answered': '已答',
  'nav.unanswered': '未答',
  'nav.marked': '待检查',
  'nav.current': '当前题',
  'nav.cellLabel': '第 {n} 题，{state}',
  'nav.progress': '已答 {answered} / {total}',
  'nav.prev': '上一题',
  'nav.next': '下一题',
  'nav.mark': '标记待检查',
  'nav.unmark': '取消标记',

  'timer.label': '剩余时间',
  'timer.warning': '距离考试结束还有 {minutes} 分钟',

  'save.saved': '已保存',
  'save.saving': '保存中…',
  'save.offline': '离线 — {count} 条答案待上传',
  'save.offlineNone': '离线',
  'save.storageDegraded': '本机存储不可用，请勿刷新页面',

  'submit.open': '交卷',
  'submit.title': '确认交卷',
  'submit.lead': '交卷后将不能再修改答案。',
  'submit.unanswered': '未作答（{count} 题）',
  'submit.marked': '标记待检查（{count} 题）',
  'submit.allAnswered': '全部题目均已作答。',
  'submit.pending': '还有 {count} 条答案正在上传，交卷前会先上传完毕。',
  'submit.confirm': '确认交卷',
  'submit.cancel': '返回检查',
  'submit.goTo': '转到第 {n} 题',

  'finishing.submit': '正在交卷…',
  'finishing.time': '考试时间到，正在自动交卷…',
  'finishing.deadline': '考试已结束，正在交卷…',
  'finishing.retrying': '网络连接中断，恢复后将自动完成交卷。请不要关闭页面。',

  'paused.title': '考试已暂停',
  'paused.body':
    '监考老师暂停了你的考试，计时已停止，暂停期间不计入考试时间。请留在座位上，听从监考老师的指示；恢复后可继续作答，已作答的内容不会丢失。',

  'fullscreen.title': '请返回全屏继续作答',
  'fullscreen.body': '考试须在全屏模式下进行。已退出全屏的情况已记录。',
  'fullscreen.button': '返回全屏',
  'fullscreen.failed': '无法进入全屏，请再试一次。',

  'result.title': '考试结束',
  'result.submitted': '已交卷',
  'result.submittedBody': '你的答卷已成功提交。成绩将由考核机构统一公布。',
  'result.score': '成绩',
  'result.scoreUnit': '分',
  'result.passed': '合格',
  'result.failed': '不合格',
  'result.passMark': '合格线 60 分（满分 100 分）',
  'result.leave': '退出',
  'result.thanks': '请离开座位前举手示意监考老师。',

  'replaced.title': '你已在另一台设备上登录',
  'replaced.body': '本设备上的考试已停止。如非本人操作，请立即举手联系监考老师。',
  'replaced.signin': '重新登录',

  'otherTab.title': '考试已在另一个窗口中打开',
  'otherTab.body': '同一场考试只能在一个窗口中作答。请关闭本窗口，回到已打开的考试窗口。',

  'toast.answerRejected': '第 {n} 题的答案未被服务器接受：{message}',
  'toast.superseded': '本机有 {count} 条较早的答案已被其他设备上的作答取代。',
  'toast.submitPending': '仍有 {count} 条答案未上传，暂不能交卷。请检查网络后再试。',
  'toast.submitFailed': '交卷失败：{message}',
  'toast.storageDegraded': '本机存储不可用：答案仍会上传，但请勿刷新或关闭页面。',
  'toast.close': '关闭',

  'level.5': '五级 / 初级工',
  'level.4': '四级 / 中级工',
  'level.3': '三级 / 高级工',
  'level.2': '二级 / 技师',
  'level.1': '一级 / 高级技师',
  'level.S': '专项职业能力',
};

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  'app.title': 'Vocational Skill Assessment · Theory Exam',
  'app.brand': 'Jianding',
  'pref.language': '中文',
  'pref.languageLabel': 'Switch to Chinese',
  'pref.largeText': 'Large text',
  'pref.largeTextLabel': 'Large text mode',

  'signin.title': 'Candidate sign-in',
  'signin.lead': 'Enter your admission ticket number and ID number.',
  'signin.ticket': 'Ticket number',
  'signin.idNumber': 'ID number',
  'signin.ticketHint': 'Top right of your admission ticket',
  'signin.idHint': '18 characters; the last may be X',
  'signin.submit': 'Sign in',
  'signin.submitting': 'Signing in…',
  'signin.required': 'Please enter both your ticket number and ID number.',
  'signin.error.CANDIDATE_CREDENTIALS_INVALID': 'Ticket number or ID number is incorrect. Please check and try again.',
  'signin.error.SESSION_NOT_OPEN': 'The exam session is not open now. Please follow the proctor’s instructions.',
  'signin.error.TOO_MANY_ATTEMPTS': 'Too many attempts. Please wait a moment or ask the proctor.',
  'signin.error.network': 'Cannot reach the exam server. Check the network and try again.',
  'signin.error.unknown': 'Sign-in failed: {message}',
  'signin.expired': 'Your sign-in has expired. Please sign in again; your answers are kept.',
  'signin.footer': 'If you need help, raise your hand for the proctor.',

  loading: 'Loading the exam…',
  'boot.offline': 'Cannot reach the exam server. Retrying…',
  'boot.retry': 'Retry now',

  'instructions.title': 'Exam instructions',
  'instructions.candidate': 'Candidate',
  'instructions.ticket': 'Ticket',
  'instructions.session': 'Session',
  'instructions.occupation': 'Occupation',
  'instructions.level': 'Level',
  'instructions.items': 'Questions',
  'instructions.itemsValue': '{count} questions, {points} points in total',
  'instructions.remaining': 'Time remaining',
  'instructions.rule1':
    'The whole exam runs in fullscreen. Leaving fullscreen or switching windows or tabs is recorded and shown to the proctor.',
  'instructions.rule2':
    'Copy, paste, the context menu, printing and developer tools are disabled; attempts are recorded.',
  'instructions.rule3':
    'Every answer is saved at once. If the network drops, answers are kept on this computer and uploaded when it returns.',
  'instructions.rule4':
    'Keyboard: 1–8 or A–H choose an option (true/false: 1/A/T = True, 2/B/F = False), ← → move between questions, M marks for review.',
  'instructions.rule5': 'The server’s clock decides the time. When time is up the exam is submitted automatically.',
  'instructions.start': 'Enter fullscreen and start',
  'instructions.fullscreenFailed':
    'Could not enter fullscreen. Allow fullscreen for this page and try again, or ask the proctor.',

  'type.judge': 'True / False',
  'type.single': 'Single choice',
  'type.multiple': 'Multiple choice',
  'type.multipleHint': 'Multiple choice: select every correct option',
  'judge.true': 'True',
  'judge.false': 'False',
  'question.number': 'Question {n}',
  'question.of': 'of {total}',
  'question.points': '{points} pt',
  'question.options': 'Options',
  'question.clear': 'Clear answer',

  'nav.title': 'Answer sheet',
  'nav.answered': 'Answered',
  'nav.unanswered': 'Unanswered',
  'nav.marked': 'Marked for review',
  'nav.current': 'Current',
  'nav.cellLabel': 'Question {n}, {state}',
  'nav.progress': '{answered} of {total} answered',
  'nav.prev': 'Previous',
  'nav.next': 'Next',
  'nav.mark': 'Mark for review',
  'nav.unmark': 'Unmark',

  'timer.label': 'Time remaining',
  'timer.warning': '{minutes} minutes left',

  'save.saved': 'Saved',
  'save.saving': 'Saving…',
  'save.offline': 'Offline — {count} answers waiting to upload',
  'save.offlineNone': 'Offline',
  'save.storageDegraded': 'Local storage unavailable: do not reload',

  'submit.open': 'Submit',
  'submit.title': 'Submit your exam?',
  'submit.lead': 'You cannot change your answers after submitting.',
  'submit.unanswered': 'Unanswered ({count})',
  'submit.marked': 'Marked for review ({count})',
  'submit.allAnswered': 'Every question is answered.',
  'submit.pending': '{count} answers are still uploading; they will be sent before submitting.',
  'submit.confirm': 'Submit',
  'submit.cancel': 'Keep checking',
  'submit.goTo': 'Go to question {n}',

  'finishing.submit': 'Submitting…',
  'finishing.time': 'Time is up. Submitting your exam…',
  'finishing.deadline': 'The exam has ended. Submitting…',
  'finishing.retrying':
    'The network is down. Submission completes automatically when it returns. Do not close this page.',

  'paused.title': 'The exam is paused',
  'paused.body':
    'The proctor has paused your exam and the clock has stopped: the pause does not count against your time. Stay in your seat and follow the proctor. You continue where you were when it resumes; no answer is lost.',

  'fullscreen.title': 'Return to fullscreen to continue',
  'fullscreen.body': 'The exam must be taken in fullscreen. Leaving fullscreen has been recorded.',
  'fullscreen.button': 'Return to fullscreen',
  'fullscreen.failed': 'Could not enter fullscreen. Please try again.',

  'result.title': 'Exam finished',
  'result.submitted': 'Submitted',
  'result.submittedBody': 'Your answers have been submitted. Results will be published by the assessment body.',
  'result.score': 'Score',
  'result.scoreUnit': 'points',
  'result.passed': 'Pass',
  'result.failed': 'Fail',
  'result.passMark': 'Pass mark 60 of 100',
  'result.leave': 'Sign out',
  'result.thanks': 'Please raise your hand for the proctor before leaving your seat.',

  'replaced.title': 'You signed in on another device',
  'replaced.body': 'The exam on this device has stopped. If this was not you, raise your hand for the proctor now.',
  'replaced.signin': 'Sign in again',

  'otherTab.title': 'The exam is open in another window',
  'otherTab.body': 'An exam can be answered in one window only. Close this one and return to the open exam window.',

  'toast.answerRejected': 'The server did not accept the answer to question {n}: {message}',
  'toast.superseded': '{count} older answers on this computer were replaced by answers given on another device.',
  'toast.submitPending':
    '{count} answers have not been uploaded yet, so the exam cannot be submitted. Check the network and try again.',
  'toast.submitFailed': 'Submit failed: {message}',
  'toast.storageDegraded':
    'Local storage is unavailable: answers are still uploaded, but do not reload or close the page.',
  'toast.close': 'Dismiss',

  'level.5': 'Level 5 / Junior',
  'level.4': 'Level 4 / Intermediate',
  'level.3': 'Level 3 / Senior',
  'level.2': 'Level 2 / Technician',
  'level.1': 'Level 1 / Senior technician',
  'level.S': 'Special vocational ability',
};

export type Lang = 'zh' | 'en';

export const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };

export type Params = Record<string, string | number>;

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template = dictionaries[lang][key] ?? dictionaries.zh[key] ?? key;
  return params
    ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
    : template;
}

export function isMessageKey(key: string): key is MessageKey {
  return key in zh;
}
