/** The sign-ins the demo prints and the README lists. Only the embedded demo has these passwords. */
export interface DemoSignIn {
  label: string;
  username: string;
  password: string;
}

export interface DemoWelcome {
  /** The address a newcomer opens, e.g. `http://localhost:3000`. */
  url: string;
  /** The first candidates of the demo session's roster, ticket and ID number each. */
  candidates: readonly { ticketNo: string; idNumber: string }[];
  /** The roster's last ticket. */
  lastTicket: string;
  signIns: readonly DemoSignIn[];
}

/**
 * The welcome banner of `npm start`, as lines: where the exam client, the console and the API docs are, the first
 * candidates' tickets and ID numbers, and the staff sign-ins. Plain text for stdout, printed after every start-up log.
 */
export function demoWelcomeLines(w: DemoWelcome): string[] {
  const width = Math.max(...w.signIns.map((s) => s.label.length), 'staff console'.length);
  const row = (label: string, text: string) => `  ${label.padEnd(width)}  ${text}`;
  return [
    '',
    'Jianding demo is ready',
    row('exam client', `${w.url}/exam/   (tickets up to ${w.lastTicket})`),
    ...w.candidates.map((c, i) => row(i === 0 ? 'candidates' : '', `ticket ${c.ticketNo}  ID number ${c.idNumber}`)),
    row('staff console', `${w.url}/console/`),
    row('API docs', `${w.url}/api/docs`),
    ...w.signIns.map((s) => row(s.label, `${s.username} / ${s.password}`)),
    '',
  ];
}
