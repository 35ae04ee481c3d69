// The workbench in a real browser: Debian's Chromium driven by playwright-core (never a downloaded browser).
// Usage: node workbench.mjs <baseUrl> <screenshotDir>
// A leave request is started by alice, approved by bob and carol in their own browser contexts (sessions), and
// alice then sees it approved in her list; then a pass on a phone-sized screen. Exits non-zero on the first failure.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [base, shots] = [process.argv[2].replace(/\/$/, ''), process.argv[3] ?? 'screenshots'];
mkdirSync(shots, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const desktop = { viewport: { width: 1280, height: 860 } };
const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

function check(ok, what) {
  if (!ok) throw new Error('check failed: ' + what);
  console.log('ok - ' + what);
}

async function signIn(options, user, locale) {
  const context = await browser.newContext({ ...options, locale });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  await page.goto(base + '/');
  await page.waitForURL(/\/login$/);
  await page.getByTestId('login-' + user).click();
  await page.waitForURL(base + '/');
  check((await page.getByTestId('who').textContent()) === user, `${user} is signed in`);
  return { context, page };
}

async function approveFirstTodo(page, user, shot) {
  await page.goto(base + '/approvals/todo');
  const item = page.getByTestId('todo-list').locator('a').first();
  check((await item.textContent()).includes('Annual leave'), `${user} has the leave request in the todo list`);
  if (shot) await page.screenshot({ path: join(shots, shot), fullPage: true });
  await item.click();
  await page.waitForURL(/\/approvals\/instances\/\d+/);
  await page.locator('textarea[name=comment]').first().fill(user + ': OK');
  await page.getByTestId('approve').click();
  await page.waitForSelector('.flash');
  check(true, `${user} approved`);
}

try {
  // alice starts a leave request; the route preview names the manager and the director before she submits
  const alice = await signIn(desktop, 'alice', 'en-US');
  await alice.page.goto(base + '/approvals/start');
  await alice.page.getByTestId('start-leave').click();
  await alice.page.waitForURL(/\/approvals\/start\/leave$/);
  await alice.page.fill('input[name=title]', 'Annual leave');
  await alice.page.selectOption('select[name="f.type"]', 'annual');
  await alice.page.fill('input[name="f.days"]', '5');
  await alice.page.fill('input[name="f.reason"]', 'Family trip');
  await alice.page.locator('input[name="f.reason"]').dispatchEvent('change');
  await alice.page.waitForSelector('[data-testid=preview] li[data-node=director]');
  check(true, 'the predicted route shows the director for 5 days');
  await alice.page.screenshot({ path: join(shots, 'start-with-route-preview.png'), fullPage: true });
  await alice.page.getByTestId('submit').click();
  await alice.page.waitForURL(/\/approvals\/instances\/\d+/);
  const instanceUrl = alice.page.url();
  check((await alice.page.getByTestId('status').textContent()).includes('In progress'), 'the request is in progress');
  check(await alice.page.locator('[data-testid=diagram] g.current[data-node=manager]').count() === 1, 'the diagram highlights the manager');
  await alice.page.screenshot({ path: join(shots, 'instance-in-progress.png'), fullPage: true });

  // bob (Chinese) and carol approve, each in their own session
  const bob = await signIn(desktop, 'bob', 'zh-CN');
  check((await bob.page.locator('html').getAttribute('lang')) === 'zh', 'bob gets Chinese from his browser');
  await approveFirstTodo(bob.page, 'bob', 'todo-zh.png');
  const carol = await signIn(desktop, 'carol', 'en-US');
  await approveFirstTodo(carol.page, 'carol', null);
  await carol.page.goto(base + '/approvals/done');
  check((await carol.page.getByTestId('done-list').textContent()).includes('Annual leave'), 'carol sees it in her done list');

  // alice sees it approved in her list and on its page
  await alice.page.goto(base + '/approvals/started');
  check((await alice.page.getByTestId('started-list').textContent()).includes('Approved'), "the initiator's list shows it approved");
  await alice.page.goto(instanceUrl);
  check((await alice.page.getByTestId('status').textContent()).includes('Approved'), 'the instance is approved');
  check(await alice.page.locator('[data-testid=diagram] g.done[data-node=director]').count() === 1, 'the diagram marks the director done');
  await alice.page.screenshot({ path: join(shots, 'instance-approved.png'), fullPage: true });

  // a phone: one column, nothing wider than the screen, the language switch works
  const mobile = await signIn(phone, 'alice', 'zh-CN');
  await mobile.page.goto(base + '/approvals/started');
  const overflow = await mobile.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, 'no horizontal scrolling on a 390 px screen (overflow ' + overflow + ')');
  await mobile.page.screenshot({ path: join(shots, 'phone-started-zh.png'), fullPage: true });
  await mobile.page.goto(instanceUrl);
  const overflow2 = await mobile.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow2 <= 0, 'the instance page fits a 390 px screen (overflow ' + overflow2 + ')');
  await mobile.page.screenshot({ path: join(shots, 'phone-instance-zh.png'), fullPage: true });
  await mobile.page.getByText('English').click();
  await mobile.page.waitForFunction(() => document.documentElement.lang === 'en');
  check(true, 'the person switches to English');
  console.log('all checks passed');
} finally {
  await browser.close();
}
