import { idCheckDigit } from '@jianding/exam';

export const DEMO_TICKET_PREFIX = '26112300';

/** The demo roster: tickets 2611230001… and valid ID numbers; the first three are printed at start and listed in the README. */
export function demoRoster(count: number): { ticketNo: string; name: string; idNumber: string }[] {
  const names = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨帆', '赵磊', '黄敏', '周杰', '吴婷'];
  return Array.from({ length: count }, (_, i) => {
    const first17 = `110105199003071${String(23 + i).padStart(2, '0')}`;
    return {
      ticketNo: `${DEMO_TICKET_PREFIX}${String(i + 1).padStart(2, '0')}`,
      name: `${names[i % names.length]}${i >= names.length ? i + 1 : ''}`,
      idNumber: first17 + idCheckDigit(first17),
    };
  });
}
