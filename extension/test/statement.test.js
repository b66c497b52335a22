// Unit tests of finding and replacing the answer statement (node --test, after `npm test` compiles src/).
const test = require('node:test');
const assert = require('node:assert/strict');
const { findStatement, replaceStatement } = require('../build-test/statement.js');

const replace = (source, line) => {
  const search = findStatement(source, 'q13');
  assert.ok(search.found, source);
  return replaceStatement(source, search.statement, line);
};

test('the one statement is replaced whole; comments and other lines are kept', () => {
  const cell = '# Question 13: click below\nq13 = {1: "A",\n       2: "B"}  # typed\n# after';
  assert.equal(replace(cell, 'q13 = {1: "C"}'), '# Question 13: click below\nq13 = {1: "C"}  # typed\n# after');
  assert.equal(findStatement(cell, 'q13').statement.value, '{1: "A",\n       2: "B"}');
  assert.equal(replace('q13 = "a # b"', 'q13 = ""'), 'q13 = ""');
  assert.equal(replace('q13 = """A\nB"""\nx = 1', 'q13 = ""'), 'q13 = ""\nx = 1');
  assert.equal(replace('q13 = \\\n  "A"', 'q13 = ""'), 'q13 = ""');
  assert.equal(replace('x = 1; q13 = "A"', 'q13 = ""'), 'x = 1; q13 = ""');
});

test('no statement, several, an unfinished one: left alone with the reason', () => {
  assert.deepEqual(findStatement('# nothing here', 'q13'), { found: false, reason: 'none' });
  assert.deepEqual(findStatement('q13 == "A"', 'q13'), { found: false, reason: 'none' });
  assert.deepEqual(findStatement('if True:\n    q13 = "A"', 'q13'), { found: false, reason: 'none' });
  assert.deepEqual(findStatement('q13 = "A"\nq13 = "B"', 'q13'), { found: false, reason: 'several' });
  assert.deepEqual(findStatement('q13 = "A"; q13 = "B"', 'q13'), { found: false, reason: 'several' });
  assert.deepEqual(findStatement('q13 = {1: "A",\n# more later', 'q13'), { found: false, reason: 'unfinished' });
  assert.deepEqual(findStatement('q13 = "A\n# more', 'q13'), { found: false, reason: 'unfinished' });
  assert.equal(findStatement('q130 = "A"', 'q13').found, false);
});
