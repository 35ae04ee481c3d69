// A ticket's life in a real browser: alice (on a phone) creates it, bob dispatches it on the board, carol resolves it,
// alice accepts and rates it; then the reports page with its charts. Each person has a browser context of their own.
// Usage: node tickets.mjs <workbench base URL> <screenshot directory> (run by TicketBrowserTest)
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const base = process.argv[2].replace(/\/?$/, '/');
const shots = process.argv[3] ?? 'screenshots';
mkdirSync(shots, { recursive: true });
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 860 } };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

function check(cond, what) {
  if (!cond) {
    throw new Error('check failed: ' + what);
  }
  console.log('ok - ' + what);
}

async function signIn(user, device, lang = 'en-US') {
  const context = await browser.newContext({ ...device, locale: lang });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  await page.goto(base + 'login');
  await page.click(`[data-testid="login-${user}"]`);
  await page.waitForURL(url => !url.pathname.endsWith('/login'));
  return page;
}

async function fitsThePhone(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `${what} fits a 390 px screen (overflow ${overflow})`);
}

async function shot(page, name) {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

let failed = false;
try {
  // alice, on her phone, in Chinese
  const alice = await signIn('alice', PHONE, 'zh-CN');
  await alice.goto(base + 'tickets/new');
  await alice.selectOption('select[name="type"]', 'it');
  await alice.selectOption('select[name="priority"]', 'HIGH');
  await alice.fill('input[name="title"]', '会议室投影仪无信号');
  await alice.fill('textarea[name="description"]', '3 楼大会议室，HDMI 接上没有画面，10 点要开会。');
  await fitsThePhone(alice, 'the new-ticket form');
  await shot(alice, 'ticket-new-phone');
  await alice.click('[data-testid="new-ticket"] button');
  await alice.waitForURL(/\/tickets\/\d+\?msg=ticketCreated/);
  const ticketPath = new URL(alice.url()).pathname;
  check((await alice.textContent('.flash')).includes('工单已创建'), 'alice sees the ticket created, in Chinese');
  check((await alice.textContent('[data-testid="ticket-state"]')).includes('新建'), 'the new ticket waits for dispatch');
  await shot(alice, 'ticket-created-phone');
  // two more for the queue and the board to show
  for (const [title, priority] of [['邮箱登录不了', 'URGENT'], ['申请一台显示器', 'LOW']]) {
    await alice.goto(base + 'tickets/new');
    await alice.selectOption('select[name="type"]', 'it');
    await alice.selectOption('select[name="priority"]', priority);
    await alice.fill('input[name="title"]', title);
    await alice.click('[data-testid="new-ticket"] button');
    await alice.waitForURL(url => !url.pathname.endsWith('/tickets/new'));
    check((await alice.textContent('h1')).includes(title), `alice created "${title}"`);
  }

  // bob dispatches it on the board: one click on carol
  const bob = await signIn('bob', DESKTOP);
  await bob.goto(base + 'tickets/board');
  const row = bob.locator('[data-testid="board-unassigned"] li', { hasText: '会议室投影仪无信号' });
  check(await row.count() === 1, 'the ticket is on the board, unassigned');
  await shot(bob, 'board-desktop');
  await row.locator('button[name="assigneeId"][value="carol"]').click();
  await bob.waitForURL(/msg=ticket.assign/);
  check(await bob.locator('[data-testid="board-unassigned"] li', { hasText: '会议室投影仪无信号' }).count() === 0,
    'after the click the ticket has left the unassigned column');
  check((await bob.textContent('[data-agent="carol"]')).includes('1 open'), "carol's load shows 1 open");
  check(await bob.locator('[data-testid="board-unassigned"] li').count() === 2, 'the two other tickets still wait for dispatch');

  // carol starts, notes, replies and resolves
  const carol = await signIn('carol', DESKTOP);
  await carol.goto(base + 'tickets');
  check(await carol.locator('[data-testid="ticket-list"] li').count() === 3, "carol's queue lists the three open tickets");
  check((await carol.locator('[data-testid="ticket-list"] li').first().textContent()).includes('邮箱登录不了'),
    'the urgent ticket comes first');
  await shot(carol, 'ticket-queue-desktop');
  await carol.click('text=会议室投影仪无信号');
  await carol.waitForURL(url => url.pathname === ticketPath);
  await carol.click('form[data-action="start"] button');
  await carol.waitForURL(/msg=ticket.start/);
  await carol.fill('form[action$="/note"] textarea', '转换器接触不良，换了一个。');
  await carol.click('form[action$="/note"] button');
  await carol.waitForURL(/msg=ticket.note/);
  await carol.fill('form[action$="/reply"] textarea', '已更换 HDMI 转换器，请再试一下。');
  await carol.click('form[action$="/reply"] button');
  await carol.waitForURL(/msg=ticket.reply/);
  await carol.fill('form[data-action="resolve"] input[name="comment"]', '已修好');
  await shot(carol, 'ticket-agent-desktop');
  await carol.click('form[data-action="resolve"] button');
  await carol.waitForURL(/msg=ticket.resolve/);
  check((await carol.textContent('[data-testid="ticket-state"]')).includes('Resolved'), 'carol resolved the ticket');

  // alice accepts and rates, on her phone; she never sees carol's internal note
  await alice.goto(base + ticketPath.substring(1));
  const timeline = await alice.textContent('[data-testid="ticket-timeline"]');
  check(timeline.includes('已更换 HDMI 转换器') && !timeline.includes('转换器接触不良'), 'alice sees the reply but not the internal note');
  await fitsThePhone(alice, 'the ticket page');
  await shot(alice, 'ticket-resolved-phone');
  await alice.click('form[data-action="accept"] button');
  await alice.waitForURL(/msg=ticket.accept/);
  check((await alice.textContent('[data-testid="ticket-state"]')).includes('已关闭'), 'alice accepted: the ticket is closed');
  await alice.selectOption('form[data-action="rate"] select[name="score"]', '5');
  await alice.click('form[data-action="rate"] button');
  await alice.waitForURL(/msg=ticket.rate/);
  check(await alice.locator('form[data-action="rate"]').count() === 0, 'rated once: the rating form is gone');
  await shot(alice, 'ticket-closed-phone');

  // the reports page with its charts, as the administrator, on a desktop and a phone
  const root = await signIn('root', DESKTOP);
  await root.goto(base + 'reports');
  for (const id of ['workload', 'sla', 'response-times', 'backlog', 'volume']) {
    check(await root.locator(`svg#chart-${id}[role="img"]`).count() === 1, `the ${id} chart is drawn`);
  }
  check(await root.locator('svg#chart-workload rect title', { hasText: 'carol · Resolved: 1' }).count() === 1,
    "the workload chart shows carol's resolved ticket");
  const [download] = await Promise.all([root.waitForEvent('download'), root.click('#report-workload figcaption a:first-child')]);
  check(download.suggestedFilename().startsWith('workload-'), 'the workload report downloads as CSV');
  await shot(root, 'reports-desktop');
  const rootPhone = await signIn('root', PHONE);
  await rootPhone.goto(base + 'reports');
  const width = await rootPhone.evaluate(() => document.querySelector('svg#chart-workload').getBoundingClientRect().width);
  check(width <= 390, 'on a phone the chart fits the screen');
  await fitsThePhone(rootPhone, 'the reports page');
  await rootPhone.goto(base + 'tickets/board?queue=it');
  await fitsThePhone(rootPhone, 'the dispatch board');
  await shot(rootPhone, 'board-phone');
  await rootPhone.goto(base + 'reports');
  await shot(rootPhone, 'reports-phone');
  await root.goto(base + 'admin/monitor');
  check(await root.locator('[data-testid="monitor-dead"]').count() === 1, 'the administrator opens the monitor');
  await shot(root, 'monitor-desktop');
  console.log('all checks passed');
} catch (e) {
  failed = true;
  console.error(e.stack || String(e));
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
