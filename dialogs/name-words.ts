/**
 * Which words can be part of a person's name in a normalised message: the understanding
 * (`understand.ts`) and its grammar (`intent-grammar.ts`) both ask.
 */

/** Words that are never part of a person's name. */
const NOT_NAMES = new Set(
  (
    'january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'gone furthest most least further more less really currently quite very worst best top biggest i me my mine myself you your we our us they them their everyone everybody anyone anybody nobody someone somebody he him his she her it its this that these those who whom whose ' +
    'a an the all any some every each of from to for with without by at in on onto into over under about as and or but ' +
    'is are was were be been being am will would can could should shall may might must do does did have has had get got ' +
    'please thanks thank cheers hi hello hey morning ok okay sorry just now then also too again ' +
    'move moved moving reassign reassigned reallocate reallocated swap transfer transferred give pass put send redirect allocate allocated assign assigned switch shift hand handover ' +
    'take takes taking cover covers covering covered pick picks picking up look looks after go goes going be need needs want wants ' +
    'statements statement cases case work caseload stuff ones kids children young people allocations lot ' +
    'off away leave annual sick sickness absent absence holiday holidays training out office lieu time back returning return ' +
    'until through between before after since till next last this coming today tomorrow yesterday week weeks month weekend ' +
    'monday tuesday wednesday thursday friday saturday sunday fortnight team manager worker workers temporarily temporary ' +
    'new open overdue due permanently good while when whilst duty desk service participation day days instead actually rather ok ' +
    'what which how where why whats much many got done doing going getting behind late missed breached breach yet still already soon ' +
    'visit visits visited review reviews conference conferences assessment assessments plan plans care protection child kid kid young person ' +
    'core group groups meeting meetings health deadline deadlines list lists item items task tasks jobs actions figures numbers stats statistics ' +
    'rate percentage percent performance timescale timescales history timeline happened anything something nothing someone there here ' +
    'assigning allocating opening reading acknowledging visiting reviewing completing downloading telling sharing recording ' +
    'check checking pain myself christmas easter student students caught shows says said wants ' +
    'everything dates slip slipped mosaic portal liquidlogic eclipse system laptop wifi pod leaver full stop ' +
    // The case systems councils use: "what's due today in ChildView" names no team.
    'childview carefirst lcs ics frameworki azeus paris wisdom servelec ' +
    // "for the whole of next month", "the rest of the week".
    'whole rest remainder entire half hers theirs corporate parenting putting logging risk updating renewing refreshing signing finalising liquid leaves finishes past outstanding timeliness compliance dmt smt slt ll vpn nqsw q fyi report reports book dbs chair mins min hrs fw fwd lado bso yjs yos yot ' +
    'rang called phoned supervision panel court audit needed required necessary arranged sorted personaly personally ' +
    'booked booking mum mums dad dads mother father parent parents carer carers nan nana gran granny grandma grandad grandparents auntie aunt uncle foster ' +
    'down upcoming else other others let so colleague colleagues whoever hiya heya kindly agreed said asked told says date momo momos opened unopened read downloaded complete completed urgent queue unassigned heard bot teams council social in not no yes right whether if see tell show know find started starting begun mat maternity paternity assetplus asset starts leaving left answering dentist doctor doctors gp hospital appointment appt optician year end received sent total came arrived shwmae diolch bore da nadolig llawen croeso hwyl iawn teacher teachers designated nurse school head headteacher senco therapist officer officers police solicitor guardian judge lately recently seems seemed awful feeling signing quick one ofsted inspection inspectors once both car cars like god heaven add referral referrals fgc auditing family families signed later midway pe typos typo phone term help quickly first'
  ).split(' '),
);

/**
 * Whether a normalised word can be (part of) a name.
 *
 * @example
 * isNameWord('priya'); // true
 * isNameWord('overdue'); // false
 */
export function isNameWord(word: string | undefined): boolean {
  return word !== undefined && /^\p{Ll}[\p{Ll}'’-]+$/u.test(word) && !/['’]s$/.test(word) && !NOT_NAMES.has(word);
}
