import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { iso } from '../../common/columns';
import type { StaffPrincipal } from '../auth/principal';
import { ExamRepository } from './exam.repository';
import { MonitorService } from './monitor.service';
import { SessionAccessService } from './session-access';

/** How the record names what happened; anything else keeps its code. */
const EVENT_NAMES: Record<string, string> = {
  blur: '窗口失焦',
  focus: '回到窗口',
  visibility_hidden: '切换标签页',
  visibility_visible: '回到标签页',
  fullscreen_exit: '退出全屏',
  fullscreen_enter: '进入全屏',
  copy: '复制',
  cut: '剪切',
  paste: '粘贴',
  contextmenu: '右键菜单',
  print: '打印',
  devtools_shortcut: '开发者工具快捷键',
  device_replaced: '更换设备登录',
  time_extended: '延时',
  paused: '暂停',
  resumed: '恢复',
  ended_by_proctor: '监考收卷',
  reopened: '误收卷后恢复作答',
  irregularity: '违纪/异常记录',
};
const STATE_NAMES: Record<string, string> = {
  not_started: '未登录',
  answering: '作答中',
  idle: '无操作',
  paused: '已暂停',
  submitted: '已交卷',
};
const SUBMITTED_BY: Record<string, string> = { candidate: '考生交卷', deadline: '到时自动交卷', proctor: '监考收卷' };

/**
 * 考场记录: a session's roster with arrivals and submissions, and every integrity event and proctor action in time
 * order. It is one of the key records kept permanently [002 第二十二条], so it can be exported for the archive.
 */
@Injectable()
export class SessionRecordService {
  constructor(
    private readonly repo: ExamRepository,
    private readonly access: SessionAccessService,
    private readonly monitor: MonitorService,
  ) {}

  async record(p: StaffPrincipal, sessionId: string) {
    const s = await this.access.session(p, sessionId, 'proctor');
    const [live, events] = await Promise.all([this.monitor.monitor(p, sessionId), this.repo.sessionEvents(sessionId)]);
    return {
      sessionId: s.id,
      name: s.name,
      room: s.room,
      startsAt: iso(s.startsAt),
      endsAt: iso(s.endsAt),
      generatedAt: live.serverTime as string,
      summary: live.summary,
      candidates: live.candidates,
      events: events.map((e) => ({
        at: iso(e.serverTime) as string,
        ticketNo: e.ticketNo,
        name: e.name,
        attemptId: e.attemptId,
        type: e.type,
        clientTime: e.clientTime,
        detail: e.detail ? (JSON.parse(e.detail) as unknown) : null,
      })),
    };
  }

  /** The record as a workbook: the roster on one sheet, the events and actions on the other. */
  async export(p: StaffPrincipal, sessionId: string): Promise<{ body: Buffer; fileName: string }> {
    const r = await this.record(p, sessionId);
    const wb = new ExcelJS.Workbook();
    const roster = wb.addWorksheet('考生 candidates');
    roster.columns = [
      { header: '准考证号', key: 'ticketNo', width: 18 },
      { header: '姓名', key: 'name', width: 14 },
      { header: '身份证号', key: 'idNumber', width: 22 },
      { header: '状态', key: 'state', width: 10 },
      { header: '登录时间', key: 'startedAt', width: 26 },
      { header: '交卷时间', key: 'submittedAt', width: 26 },
      { header: '交卷方式', key: 'submittedBy', width: 14 },
      { header: '已答题数', key: 'answeredCount', width: 10 },
      { header: '延时（分钟）', key: 'extraMinutes', width: 12 },
      { header: '事件数', key: 'eventsCount', width: 8 },
    ];
    for (const c of r.candidates)
      roster.addRow({
        ...c,
        state: STATE_NAMES[c.state] ?? c.state,
        startedAt: c.startedAt ?? '',
        submittedAt: c.submittedAt ?? '',
        submittedBy: c.submittedBy ? (SUBMITTED_BY[c.submittedBy] ?? c.submittedBy) : '',
        extraMinutes: Math.round(c.extraSeconds / 60),
      });
    const events = wb.addWorksheet('事件 events');
    events.columns = [
      { header: '服务器时间', key: 'at', width: 26 },
      { header: '准考证号', key: 'ticketNo', width: 18 },
      { header: '姓名', key: 'name', width: 14 },
      { header: '事件', key: 'type', width: 16 },
      { header: '考生端时间', key: 'clientTime', width: 26 },
      { header: '详情', key: 'detail', width: 60 },
    ];
    for (const e of r.events)
      events.addRow({
        ...e,
        type: EVENT_NAMES[e.type] ?? e.type,
        clientTime: e.clientTime ?? '',
        detail: e.detail === null ? '' : JSON.stringify(e.detail),
      });
    for (const sheet of [roster, events]) sheet.views = [{ state: 'frozen', ySplit: 1 }];
    return { body: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `session-record-${r.sessionId}.xlsx` };
  }
}
