// Reading a student's version of a variant item from its show cell's output, and the student ID line (node --test).
// The browser suite, tests/scenarios/browser/test_quiz_variants.py, covers the same end to end.
const test = require('node:test');
const assert = require('node:assert/strict');
require('./fakeLab.js');
const { VARIANT_MIME, readVariant, showCellId, studentItem, waitingNote } = require('../build-test/variant.js');
const { formatTextLine, readTextItem, readTextValue } = require('../build-test/studentId.js');

const canonical = {
  kind: 'single',
  variable: 'q6',
  answer_cell: 'q6_answer',
  question: 'Question 6',
  options: 'ABC',
  option_texts: { A: 'Insight', B: 'Support', C: 'Advice' },
  variant: true
};
const alice = {
  variable: 'q6',
  student: 'alice',
  signature: 'key at C',
  options: 'ABC',
  option_texts: { A: 'Advice', B: 'Insight', C: 'Support' }
};
const output = variant => ({ data: { 'text/markdown': 'Question 6 …', [VARIANT_MIME]: variant } });

test("a variant item's form shows the student's option texts under the student's letters, never the canonical", () => {
  const own = studentItem(canonical, readVariant([output(alice)], 'q6'));
  assert.deepEqual(own.option_texts, { A: 'Advice', B: 'Insight', C: 'Support' });
  assert.equal(own.options, 'ABC');
  assert.equal(own.variable, 'q6');
  assert.equal(canonical.option_texts.A, 'Insight', 'the metadata itself is left as it was');
});

test('no version to show yet: no output, another item, garbled data, or an output made before the ID was known', () => {
  assert.equal(studentItem(canonical, readVariant([], 'q6')), null);
  assert.equal(studentItem(canonical, readVariant([{ data: { 'text/plain': 'x' } }], 'q6')), null);
  assert.equal(studentItem(canonical, readVariant([output({ ...alice, variable: 'q7' })], 'q6')), null);
  assert.equal(studentItem(canonical, readVariant([output({ ...alice, option_texts: { A: 3 } })], 'q6')), null);
  assert.equal(studentItem(canonical, readVariant([output({ variable: 'q6', student: '' })], 'q6')), null);
});

test('the last variant output of the cell counts (a rerun that displayed twice)', () => {
  const bob = { ...alice, student: 'bob', option_texts: { A: 'Support', B: 'Advice', C: 'Insight' } };
  const own = studentItem(canonical, readVariant([output(alice), output(bob)], 'q6'));
  assert.equal(own.option_texts.A, 'Support');
});

test("matching: the student's item texts replace the canonical ones; absent, the items go by number only", () => {
  const matching = { ...canonical, kind: 'matching', n_items: 2, item_texts: ['Late', 'Gift'] };
  const shown = studentItem(matching, { ...alice, item_texts: ['Gift', 'Late'] });
  assert.deepEqual(shown.item_texts, ['Gift', 'Late']);
  assert.equal(studentItem(matching, alice).item_texts, undefined);
});

test('a numeric variant item gets its form once the version is there, with no option texts', () => {
  const numeric = { kind: 'numeric', variable: 'q3', answer_cell: 'q3_answer', question: 'Question 3', variant: true };
  assert.equal(studentItem(numeric, null), null);
  const own = studentItem(numeric, { variable: 'q3', student: 'alice', signature: 'g=0.64', option_texts: {} });
  assert.equal(own.kind, 'numeric');
  assert.equal(own.option_texts, undefined);
});

test('an item without variants is shown as its metadata says, output or not', () => {
  const plain = { ...canonical, variant: undefined };
  assert.equal(studentItem(plain, null), plain);
});

test('the show cell of qN is qN_show, and the note says in plain words what to wait for', () => {
  assert.equal(showCellId('q6'), 'q6_show');
  assert.match(waitingNote(false), /appears once the quiz has your student ID and its cells have run/);
  assert.doesNotMatch(waitingNote(true), /Type your ID/);
});

test('the ID line escapes quotes and backslashes so it stays valid Python, and reads back to what was typed', () => {
  assert.equal(formatTextLine('student_id', ' ab123 '), 'student_id = "ab123"');
  assert.equal(formatTextLine('student_id', 'o"neil\\x'), 'student_id = "o\\"neil\\\\x"');
  assert.equal(formatTextLine('student_id', ''), 'student_id = ""');
  for (const typed of ['ab123', 'o"neil\\x', "d'arcy", 'zoë@uni.example', '']) {
    const line = formatTextLine('student_id', typed);
    assert.equal(readTextValue(line.replace('student_id = ', '')), typed, line);
  }
});

test('reading a hand-typed ID line: single quotes and smart quotes work; a number or two strings do not', () => {
  assert.equal(readTextValue("'ab123'"), 'ab123');
  assert.equal(readTextValue('“ab123”'), 'ab123');
  assert.equal(readTextValue('""'), '');
  assert.equal(readTextValue('123'), undefined);
  assert.equal(readTextValue('"a" "b"'), undefined);
  assert.equal(readTextValue('"ab'), undefined);
});

test('the ID item is a quiz_item of kind "text" with a variable and an answer cell', () => {
  const item = { kind: 'text', variable: 'student_id', answer_cell: 'student_id_answer', question: 'Your student ID' };
  assert.deepEqual(readTextItem(item), item);
  assert.equal(readTextItem({ ...item, kind: 'single' }), null);
  assert.equal(readTextItem({ ...item, variable: 'student id' }), null);
  assert.equal(readTextItem({ ...item, answer_cell: undefined }), null);
});
