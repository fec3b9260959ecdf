// Audits pages in sequence with one Chromium, Lighthouse's default (mobile, simulated throttling) profile,
// and writes each page's report as <name>.json and <name>.html into the output folder.
// Usage: node run.mjs OUTPUT_DIR NAME=URL [NAME=URL ...]   (the browser: CHROME_PATH, else /usr/bin/chromium)
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

// The machines that run it have no internet: nothing of Chromium's own may try to reach it.
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

const [outputDir, ...pages] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: CHROME_FLAGS,
});
try {
  for (const page of pages) {
    const [name, url] = page.split(/=(.*)/s);
    const started = Date.now();
    const result = await lighthouse(url, { port: chrome.port, output: ["json", "html"], logLevel: "error", onlyCategories: CATEGORIES });
    await writeFile(join(outputDir, `${name}.json`), result.report[0]);
    await writeFile(join(outputDir, `${name}.html`), result.report[1]);
    console.log(`${name}: ${url} audited in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
} finally {
  await chrome.kill();
}
