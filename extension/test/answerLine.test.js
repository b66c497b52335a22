// Unit tests of the answer line (node --test; `npm test` compiles src/ to CommonJS first). The browser suite in
// tests/test_browser_quiz_forms.py covers the same behaviour end to end in JupyterLab and Notebook 7.
const test = require('node:test');
const assert = require('node:assert/strict');
const { formatLine, readAnswer, readNumber } = require('../build-test/answerLine.js');

const single = { kind: 'single', variable: 'q6', answer_cell: 'q6_answer', question: 'Question 6', options: 'ABCD' };
const multiple = { ...single, kind: 'multiple', variable: 'q5', options: 'ABCDE' };
const ordering = { ...single, kind: 'ordering', variable: 'q7', n_items: 4 };
const matching = { ...single, kind: 'matching', variable: 'q13', n_items: 4 };
const numeric = { kind: 'numeric', variable: 'q1', answer_cell: 'q1_answer', question: 'Q1', unit: 'proportion' };
const count = { ...numeric, unit: 'number' };

test('lines written for each kind, empty answers included', () => {
  assert.equal(formatLine(single, ['B']), 'q6 = "B"');
  assert.equal(formatLine(single, []), 'q6 = ""');
  assert.equal(formatLine(multiple, ['C', 'A']), 'q5 = {"A", "C"}');
  assert.equal(formatLine(multiple, []), 'q5 = ""');
  assert.equal(formatLine(matching, ['B', '', 'C', '']), 'q13 = {1: "B", 2: "", 3: "C", 4: ""}');
  assert.equal(formatLine(ordering, ['C', 'A', '', '']), 'q7 = ["C", "A", "", ""]');
  assert.equal(formatLine(numeric, 0.74), 'q1 = 0.74');
  assert.equal(formatLine(numeric, null), 'q1 = None');
});

test('what a person types first reads as what they meant', () => {
  const reads = (item, text) => {
    const reading = readAnswer(item, text);
    assert.ok(reading.ok, `${text} should be readable`);
    return reading.answer;
  };
  assert.deepEqual(reads(single, '""'), []);
  for (const text of ['"B"', '"b"', '"(b)"', '“B”', "'b.'", '"B)"']) {
    assert.deepEqual(reads(single, text), ['B'], text);
  }
  for (const text of ['"A, C"', '"a c"', '{"A","C"}', '["C", "A"]', '"c and a"', '"AC"']) {
    assert.deepEqual(reads(multiple, text), ['A', 'C'], text);
  }
  for (const text of ['["C","A","D","B"]', '"C A D B"', '"C, A, D, B"', '("C", "A", "D", "B")']) {
    assert.deepEqual(reads(ordering, text), ['C', 'A', 'D', 'B'], text);
  }
  assert.deepEqual(reads(ordering, '["C", "A"]'), ['C', 'A', '', '']);
  assert.deepEqual(reads(matching, '{1: "B", 2: "A"}'), ['B', 'A', '', '']);
  assert.deepEqual(reads(matching, '{1: "b", 2: "", 3: "C", 4: "d",}'), ['B', '', 'C', 'D']);
  for (const text of ['0.74', '0,74', '"0,74"', '74%', '74 %', '.74']) {
    assert.equal(reads(numeric, text), 0.74, text);
  }
  assert.equal(reads(numeric, 'None'), null);
  assert.equal(reads(count, '12'), 12);
});

test('meaning still counts: what cannot be shown is not guessed', () => {
  const cases = [
    [single, '"Option Z"'], [single, '"A, B"'], [single, '"E"'], [single, 'A'], [single, '"B'],
    [multiple, '"A, F"'], [ordering, '{"C", "A"}'], [ordering, '"A B C D E"'],
    [matching, '{5: "A"}'], [matching, '{1: "AB"}'], [matching, '["A", "B"]'],
    [numeric, '0.31 × 1.32'], [numeric, 'seventy'], [count, '74%']
  ];
  for (const [item, text] of cases) {
    assert.equal(readAnswer(item, text).ok, false, `${item.kind}: ${text}`);
  }
  assert.equal(readNumber('1e-3', false), 0.001);
});
