// A quiz with per-student variants, on the fake notebook of fakeLab.js (node --test): the variant items' forms follow
// their show cells' outputs, the student ID box writes its line, and only the quiz's own setup and show cells run by
// themselves. tests/scenarios/browser/test_quiz_variants.py does the same in JupyterLab and Notebook 7.
const test = require('node:test');
const assert = require('node:assert/strict');
const { fakeCell, fakePanel, lab } = require('./fakeLab.js');
const { NotebookForms } = require('../build-test/notebookForms.js');
const { RERUN_DELAY_MS, runnableKind } = require('../build-test/autoRun.js');
const { VARIANT_MIME } = require('../build-test/variant.js');

const SETUP = 'from course_lib.grading import quiz\n\nquiz.start(course="psychodynamic", quiz="q1_features")';
const show = variable => `from course_lib.grading import quiz\n\nquiz.show("${variable}", r'''{"seed": 1}''')`;
const TEXTS = { A: 'Insight', B: 'Support', C: 'Advice' };

function variantOutput(variable, student, texts) {
  return { data: { 'text/markdown': 'your version', [VARIANT_MIME]: { variable, student, signature: 'key at A',
    options: Object.keys(texts).join(''), option_texts: texts } } };
}

/** The cells `make quizzes` renders for a quiz with variants: setup, ID answer, and per item show/answer/check. */
function variantQuiz({ instructor = false, outputs = {}, sources = {}, idLine = 'student_id = ""' } = {}) {
  const cells = [
    fakeCell({
      nbgrader: { grade_id: 'setup', locked: true },
      quizItem: { kind: 'text', variable: 'student_id', answer_cell: 'student_id_answer', question: 'Your student ID' },
      source: sources.setup ?? SETUP
    }),
    fakeCell({ type: 'markdown', nbgrader: { grade_id: 'student_id_intro', locked: true }, source: 'Your ID …' }),
    fakeCell({
      nbgrader: { grade_id: 'student_id_answer', solution: true, grade: false, locked: false },
      source: idLine
    })
  ];
  for (const variable of ['q6', 'q7']) {
    cells.push(
      fakeCell({ nbgrader: { grade_id: `${variable}_show`, locked: true }, source: sources[variable] ?? show(variable),
        outputs: outputs[variable] ?? [] }),
      fakeCell({
        nbgrader: { grade_id: `${variable}_answer`, solution: true, grade: false, locked: false },
        source: `# ${variable}: click your answer\n${variable} = ""` +
          (instructor ? `\n### BEGIN SOLUTION\n${variable} = "B"\n### END SOLUTION` : '')
      }),
      fakeCell({
        nbgrader: { grade_id: variable, grade: true, solution: false, locked: true },
        quizItem: { kind: 'single', variable, answer_cell: `${variable}_answer`, question: `Question ${variable.slice(1)}`,
          points: 1, options: 'ABC', option_texts: TEXTS, variant: true },
        source: `quiz.check("${variable}", "single", "ABC")`
      })
    );
  }
  return cells;
}

const byId = (panel, id) => panel.content.widgets.find(cell => cell.model.getMetadata('nbgrader')?.grade_id === id);
const settle = (ms = 10) => new Promise(resolve => setTimeout(resolve, ms));
const under = (panel, id) => byId(panel, id).layout.widgets;
const formUnder = (panel, id) => under(panel, id).find(widget => widget.node.classes.has('cq-form'));
const labels = form => form.node.findAll(node => node.tagName === 'SPAN').map(span => span.textContent);
const inputs = form => form.node.findAll(node => node.tagName === 'INPUT');
/** What ran, in order: a cell by its grade_id, code sent by itself as its text. */
const ran = () => lab.executed.map(one => (one.model ? one.model.getMetadata('nbgrader').grade_id : one.code));

async function open(cells, { hubUser = '', kernel } = {}) {
  lab.pageConfig.hubUser = hubUser;
  lab.executed = [];
  const panel = fakePanel(Promise.resolve(), cells);
  if (kernel) {
    lab.execute = cell => kernel(cell, panel);
  }
  const forms = new NotebookForms(panel);
  await settle();
  return { panel, forms };
}

test.afterEach(() => {
  lab.pageConfig.hubUser = '';
  lab.execute = cell => {
    lab.executed.push(cell);
    return Promise.resolve();
  };
});

test("until its show cell has output, a variant item has no form but a plain note under its answer cell", async () => {
  lab.execute = () => Promise.resolve(); // a kernel that shows nothing
  const { panel, forms } = await open(variantQuiz());
  assert.equal(formUnder(panel, 'q6_answer'), undefined);
  const note = under(panel, 'q6_answer').find(widget => widget.node.classes.has('cq-note'));
  assert.match(note.node.textContent, /appears once the quiz has your student ID and its cells have run/);
  forms.dispose();
});

test("the form shows the student's own option texts, and a click writes the student's letter", async () => {
  const { panel, forms } = await open(variantQuiz({ idLine: 'student_id = "alice"', outputs: {
    q6: [variantOutput('q6', 'alice', { A: 'Advice', B: 'Insight', C: 'Support' })],
    q7: [variantOutput('q7', 'alice', TEXTS)] } }));
  const form = formUnder(panel, 'q6_answer');
  assert.deepEqual(labels(form).slice(0, 3), ['A: Advice', 'B: Insight', 'C: Support']);
  assert.equal(under(panel, 'q6_answer').some(widget => widget.node.classes.has('cq-note')), false);
  const radio = inputs(form).find(input => input.value === 'A');
  radio.checked = true;
  radio.fire('change');
  assert.equal(byId(panel, 'q6_answer').model.sharedModel.getSource(), '# q6: click your answer\nq6 = "A"');
  forms.dispose();
});

test("another ID: the old version gives way to a note until the new output redraws the form", async () => {
  const { panel, forms } = await open(variantQuiz({ idLine: 'student_id = "alice"', outputs: {
    q6: [variantOutput('q6', 'alice', { A: 'Advice', B: 'Insight', C: 'Support' })],
    q7: [variantOutput('q7', 'alice', TEXTS)] } }));
  byId(panel, 'student_id_answer').model.sharedModel.setSource('student_id = "bob"');
  await settle();
  assert.equal(formUnder(panel, 'q6_answer'), undefined, "alice's version is not offered to bob");
  assert.ok(under(panel, 'q6_answer').some(widget => widget.node.classes.has('cq-note')));
  byId(panel, 'q6_show').setOutputs([variantOutput('q6', 'bob', { A: 'Support', B: 'Advice', C: 'Insight' })]);
  await settle();
  assert.deepEqual(labels(formUnder(panel, 'q6_answer')).slice(0, 3), ['A: Support', 'B: Advice', 'C: Insight']);
  assert.equal(under(panel, 'q6_answer').filter(widget => widget.node.classes.has('cq-form')).length, 1);
  byId(panel, 'q6_show').setOutputs([{ data: { [VARIANT_MIME]: { variable: 'q6', student: '' } } }]);
  await settle();
  assert.equal(formUnder(panel, 'q6_answer'), undefined);
  assert.ok(under(panel, 'q6_answer').some(widget => widget.node.classes.has('cq-note')));
  forms.dispose();
});

test('the ID box writes student_id = "typed" (escaped) on Enter or on leaving it, and says when it is saved', async () => {
  const { panel, forms } = await open(variantQuiz());
  const form = formUnder(panel, 'student_id_answer');
  const [box] = inputs(form);
  const label = form.node.findAll(node => node.tagName === 'LABEL')[0];
  assert.equal(label.textContent, 'Your student ID');
  assert.equal(label.htmlFor, box.id);
  assert.match(form.node.text, /as your course or LMS knows you/i);
  box.value = 'o"neil\\1';
  const enter = box.fire('keydown', { key: 'Enter' });
  assert.equal(enter.defaultPrevented, true, 'Enter does not reach the notebook');
  const cell = byId(panel, 'student_id_answer');
  assert.equal(cell.model.sharedModel.getSource(), 'student_id = "o\\"neil\\\\1"');
  box.fire('change'); // leaving the box after Enter writes nothing new
  box.value = 'ab123';
  box.fire('change');
  assert.equal(cell.model.sharedModel.getSource(), 'student_id = "ab123"');
  const status = form.node.findAll(node => node.getAttribute('role') === 'status')[0];
  assert.equal(status.getAttribute('aria-live'), 'polite');
  panel.context.saveState.emit(panel.context, 'started');
  panel.context.saveState.emit(panel.context, 'completed');
  assert.equal(status.textContent, 'Answer saved in the notebook.');
  forms.dispose();
});

test('an ID cell released with no line at all (only the stub comment) gets the line on top, nothing overwritten',
  async () => {
    const stub = '# Only the answer line above is read; the form under this cell writes it.';
    const { panel, forms } = await open(variantQuiz({ idLine: stub }));
    const form = formUnder(panel, 'student_id_answer');
    const status = form.node.findAll(node => node.getAttribute('role') === 'status')[0];
    assert.equal(status.textContent, 'Not answered yet.', 'no warning: the box can write the line');
    const [box] = inputs(form);
    box.value = 'ab123';
    box.fire('keydown', { key: 'Enter' });
    assert.equal(byId(panel, 'student_id_answer').model.sharedModel.getSource(), `student_id = "ab123"\n${stub}`);
    box.value = 'cd456';
    box.fire('change');
    assert.equal(byId(panel, 'student_id_answer').model.sharedModel.getSource(), `student_id = "cd456"\n${stub}`);
    forms.dispose();
  });

test('a line already in the notebook (typed by hand, single quotes) fills the box; an unreadable one says so', async () => {
  const { panel, forms } = await open(variantQuiz({ idLine: "student_id = 'zoë'" }));
  const form = formUnder(panel, 'student_id_answer');
  assert.equal(inputs(form)[0].value, 'zoë');
  byId(panel, 'student_id_answer').model.sharedModel.setSource('student_id = 42');
  const status = form.node.findAll(node => node.getAttribute('role') === 'status')[0];
  assert.match(status.textContent, /the box cannot show it/);
  assert.equal(byId(panel, 'student_id_answer').model.sharedModel.getSource(), 'student_id = 42');
  forms.dispose();
});

test('on a JupyterHub the box is replaced by a sentence naming the user, and nothing is written or sent', async () => {
  const { panel, forms } = await open(variantQuiz(), { hubUser: 'alice' });
  assert.equal(formUnder(panel, 'student_id_answer'), undefined);
  const sentence = under(panel, 'student_id_answer').find(widget => widget.node.classes.has('cq-id-hub'));
  assert.equal(sentence.node.textContent,
    'You are signed in as alice: your version of the quiz is chosen from that name, nothing to type.');
  assert.equal(byId(panel, 'student_id_answer').model.sharedModel.getSource(), 'student_id = ""');
  await settle(50);
  assert.deepEqual(ran(), ['setup', 'q6_show', 'q7_show'], 'the kernel knows the hub user: no ID is handed to it');
  forms.dispose();
});

test('opened with show cells lacking output and a ready kernel: setup then every show cell run once, then saved',
  async () => {
    const kernel = (cell, panel) => {
      lab.executed.push(cell);
      const id = cell.model.getMetadata('nbgrader').grade_id;
      if (id.endsWith('_show')) {
        cell.setOutputs([variantOutput(id.replace('_show', ''), '', {})]);
      }
      panel.context.model.dirty = true;
      return Promise.resolve();
    };
    const { panel, forms } = await open(variantQuiz(), { kernel });
    await settle(500); // the save follows shortly
    assert.deepEqual(ran(), ['setup', 'student_id = ""', 'q6_show', 'q7_show']);
    assert.equal(lab.executed[1].silent, true);
    assert.equal(panel.context.saves, 1, 'the notebook records the versions shown');
    byId(panel, 'q6_show').setOutputs([variantOutput('q6', '', {})]);
    await settle();
    assert.equal(lab.executed.length, 4, 'not run again while nothing changed');
    forms.dispose();
  });

test('after the ID line changes they run again, once, after a pause, with the new line saved first', async () => {
  const savesAtRun = [];
  const kernel = (cell, panel) => {
    lab.executed.push(cell);
    savesAtRun.push(panel.context.saves);
    return Promise.resolve();
  };
  const { panel, forms } = await open(variantQuiz({ outputs: {
    q6: [variantOutput('q6', '', {})], q7: [variantOutput('q7', '', {})] } }), { kernel });
  assert.equal(lab.executed.length, 0, 'every show cell has its output: nothing to run on opening');
  const cell = byId(panel, 'student_id_answer');
  for (const typed of ['student_id = "a"', 'student_id = "al"', 'student_id = \'o"neil\'']) {
    cell.model.sharedModel.setSource(typed); // typed by hand: nothing saves it but the runner
    panel.context.model.dirty = true;
    await settle(50);
  }
  assert.equal(lab.executed.length, 0);
  await settle(RERUN_DELAY_MS + 100);
  assert.deepEqual(ran(), ['setup', 'student_id = "o\\"neil"', 'q6_show', 'q7_show'], 'several keystrokes, one run');
  assert.deepEqual(savesAtRun, [1, 1, 1], 'the new ID line is saved before anything runs');
  forms.dispose();
});

test('an ID typed while the first run is under way is handed to that run, and the cells do not run twice', async () => {
  const slowSetup = cell => {
    lab.executed.push(cell);
    const id = cell.model.getMetadata('nbgrader').grade_id;
    return new Promise(resolve => setTimeout(resolve, id === 'setup' ? 100 : 0));
  };
  const { panel, forms } = await open(variantQuiz(), { kernel: slowSetup });
  byId(panel, 'student_id_answer').model.sharedModel.setSource('student_id = "ab123"');
  await settle(RERUN_DELAY_MS + 300);
  assert.deepEqual(ran(), ['setup', 'student_id = "ab123"', 'q6_show', 'q7_show']);
  forms.dispose();
});

test("outputs cleared by the run's own cells, one by one, do not start another run", async () => {
  const asKernelDoes = async cell => {
    lab.executed.push(cell);
    const id = cell.model.getMetadata('nbgrader').grade_id;
    if (id.endsWith('_show')) {
      cell.setOutputs([]); // a run clears the outputs first, then the new ones arrive
      await settle(20);
      cell.setOutputs([variantOutput(id.replace('_show', ''), 'ab123', TEXTS)]);
    }
  };
  const { panel, forms } = await open(variantQuiz({ outputs: {
    q6: [variantOutput('q6', '', {})], q7: [variantOutput('q7', '', {})] } }), { kernel: asKernelDoes });
  byId(panel, 'student_id_answer').model.sharedModel.setSource('student_id = "ab123"');
  await settle(RERUN_DELAY_MS + 300);
  assert.deepEqual(ran(), ['setup', 'student_id = "ab123"', 'q6_show', 'q7_show']);
  assert.ok(formUnder(panel, 'q6_answer') && formUnder(panel, 'q7_answer'));
  forms.dispose();
});

test("the instructor's source version: nothing runs by itself, and no form or box can change it", async () => {
  const { panel, forms } = await open(variantQuiz({ instructor: true }));
  await settle(50);
  assert.equal(lab.executed.length, 0);
  for (const id of ['student_id_answer', 'q6_answer', 'q7_answer']) {
    assert.deepEqual(under(panel, id), [], id);
  }
  forms.dispose();
});

test('only the quiz\'s own code runs: a changed show cell is skipped, a changed setup cell stops everything',
  async () => {
    let opened = await open(variantQuiz({ sources: { q7: show('q7') + '\nimport os' } }));
    await settle(50);
    assert.deepEqual(ran(), ['setup', 'student_id = ""', 'q6_show']);
    opened.forms.dispose();
    opened = await open(variantQuiz({ sources: { setup: SETUP.replace('quiz.start', 'print(1)\nquiz.start') } }));
    await settle(50);
    assert.equal(lab.executed.length, 0);
    opened.forms.dispose();
  });

test('an unlocked show cell is never run by itself', async () => {
  const cells = variantQuiz();
  const q6Show = cells.find(cell => cell.model.getMetadata('nbgrader').grade_id === 'q6_show');
  q6Show.model.getMetadata('nbgrader').locked = false;
  const { forms } = await open(cells);
  await settle(50);
  assert.deepEqual(ran(), ['setup', 'student_id = ""', 'q7_show']);
  forms.dispose();
});

test('the code that may run by itself is exactly the setup call or a show call, nothing more', () => {
  assert.equal(runnableKind(SETUP), 'setup');
  assert.equal(runnableKind(show('q12')), 'show');
  assert.equal(runnableKind(SETUP + '\n'), null);
  assert.equal(runnableKind(SETUP.replace('psychodynamic', 'a"); import os; ("')), null);
  assert.equal(runnableKind(show('q1').replace('{"seed": 1}', "x''') or __import__('os') #")), null);
  assert.equal(runnableKind(show('q0')), null);
  assert.equal(runnableKind('from course_lib.grading import quiz\n\nquiz.grade("q1")'), null);
});
