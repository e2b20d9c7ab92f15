import { readFileSync } from 'fs';
import { join } from 'path';
import { demoRoster } from './demo-roster';
import { DEMO_CENTRE, DEMO_INSTITUTION, DEMO_LISTED_CANDIDATES, demoWelcome } from './demo.service';

const config = { port: 3000, bootstrapAdmin: { username: 'admin', password: 'admin-demo-pass' } };

describe(demoWelcome.name, () => {
  const text = demoWelcome(config);
  const candidates = demoRoster(DEMO_LISTED_CANDIDATES);

  it('lists the first three candidates of the demo session, each with their ticket and ID number', () => {
    expect(DEMO_LISTED_CANDIDATES).toBe(3);
    for (const c of candidates) expect(text).toMatch(new RegExp(`ticket ${c.ticketNo}\\s+ID number ${c.idNumber}`));
    expect(new Set(candidates.map((c) => c.ticketNo)).size).toBe(3);
    expect(text).toContain('tickets up to 2611230030');
  });

  it('names the addresses and every sign-in, one per line', () => {
    const lines = text.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ {2}exam client +http:\/\/localhost:3000\/exam\//),
        expect.stringMatching(/^ {2}staff console +http:\/\/localhost:3000\/console\/$/),
        expect.stringMatching(/^ {2}API docs +http:\/\/localhost:3000\/api\/docs$/),
        expect.stringMatching(/^ {2}admin +admin \/ admin-demo-pass$/),
        expect.stringMatching(new RegExp(`^ {2}centre +${DEMO_CENTRE.username} / ${DEMO_CENTRE.password}$`)),
        expect.stringMatching(
          new RegExp(`^ {2}institution +${DEMO_INSTITUTION.username} / ${DEMO_INSTITUTION.password}$`),
        ),
        expect.stringMatching(/^ {2}author +demo-author \/ demo-author-pass$/),
        expect.stringMatching(/^ {2}reviewer +demo-reviewer \/ demo-reviewer-pass$/),
      ]),
    );
    expect(demoWelcome({ port: 3000, bootstrapAdmin: undefined })).not.toContain('admin-demo-pass');
  });

  it('matches the README quick start, which lists the same candidates and sign-ins', () => {
    const readme = readFileSync(join(__dirname, '../../../../../README.md'), 'utf8');
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Configuration'));
    for (const c of candidates) {
      expect(quickStart).toContain(c.ticketNo);
      expect(quickStart).toContain(c.idNumber);
    }
    for (const signIn of [DEMO_CENTRE, DEMO_INSTITUTION])
      expect(quickStart).toContain(`\`${signIn.username}\` / \`${signIn.password}\``);
  });
});
