import { CHILD_INITIALS_RULE, isChildInitials } from './child-initials';

describe('a child’s initials', () => {
  it('are capital letters, each optionally followed by a full stop, at most four', () => {
    for (const initials of ['J', 'JT', 'JMT', 'JMRT', 'J.T.', 'J.M.R.T.', 'JT.', 'ÉO', 'ŁW']) expect([initials, isChildInitials(initials)]).toEqual([initials, true]);
  });

  it('are never a name, lower case, five letters, spaces, digits or punctuation but full stops', () => {
    for (const value of ['', 'Amy', 'Jo', 'jt', 'JMRTS', 'J T', 'J-T', 'J..T', '.J', 'J1', 'Jane Smith', 'A.B.C.D.E.', ' JT', 'JT ']) {
      expect([value, isChildInitials(value)]).toEqual([value, false]);
    }
    expect(isChildInitials(42)).toBe(false);
    expect(isChildInitials('A'.repeat(1_000_000))).toBe(false);
  });

  it('are explained without quoting the refused value back', () => {
    expect(CHILD_INITIALS_RULE).toBe('must be the child’s initials only: 1 to 4 capital letters, each may be followed by a full stop (e.g. JT or J.T.), never a name');
  });
});
