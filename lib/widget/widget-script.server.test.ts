import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gunzipSync } from "node:zlib";
import { buildWidgetScript, WIDGET_GZIP_BUDGET_BYTES } from "./widget-script.server";

describe("the widget loader bundle", () => {
  it(`is one ES2017 script without imports, under ${WIDGET_GZIP_BUDGET_BYTES / 1024} KB gzipped`, async () => {
    const script = await buildWidgetScript();
    const text = script.body.toString("utf8");
    assert.doesNotMatch(text, /\bimport\s*[{(*"']|\brequire\(/, "dependency-free: nothing left to load");
    assert.match(text, /data-business/);
    assert.deepEqual(gunzipSync(script.gzip), script.body);
    // The figure docs/benchmarks.md quotes.
    console.log(`widget.js: ${script.body.length} bytes, ${script.gzip.length} bytes gzipped`);
    assert.ok(script.gzip.length < WIDGET_GZIP_BUDGET_BYTES, `${script.gzip.length} bytes gzipped`);
  });
});
