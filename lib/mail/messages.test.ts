import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { escapeHtml, inviteMail, passwordResetMail } from "./messages";

const expiresAt = new Date("2026-12-07T09:05:00Z");
const inviteUrl = "https://chat.example.com/invite/accept?token=abc123_-XYZ";
const resetUrl = "https://chat.example.com/reset-password?token=def456";

/** Every http(s) link in a text or HTML body. */
const links = (body: string) => body.match(/https?:\/\/[^\s"<>]+/g) ?? [];

describe("inviteMail", () => {
  const mail = inviteMail({ to: "new@acme.test", businessName: "Acme Support", inviterName: "Olivia Owner", role: "AGENT", url: inviteUrl, expiresAt });

  it("addresses the invitee and names the business and the inviter", () => {
    assert.equal(mail.to, "new@acme.test");
    assert.equal(mail.subject, "Olivia Owner invited you to Acme Support on Switchboard");
    assert.match(mail.text, /Olivia Owner invited you to join Acme Support on Switchboard as an agent\./);
    assert.match(mail.text, /expires on 7 December 2026 at 09:05 UTC/);
  });

  it("carries the given link, and no other, in the text and the HTML", () => {
    assert.deepEqual(links(mail.text), [inviteUrl]);
    assert.deepEqual(links(mail.html!), [escapeHtml(inviteUrl)]);
    assert.ok(mail.html!.includes(`href="${inviteUrl}"`));
  });

  it("escapes every interpolated value in the HTML", () => {
    const hostile = inviteMail({
      to: "new@acme.test",
      businessName: `<b>&"`,
      inviterName: `<script>alert('x')</script>`,
      role: "ADMIN",
      url: "https://chat.example.com/invite?token=a&b=\"c'",
      expiresAt,
    });
    assert.ok(hostile.html!.includes("&lt;b&gt;&amp;&quot;"));
    assert.ok(!hostile.html!.includes("<b>&"));
    assert.ok(hostile.html!.includes("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert.ok(!hostile.html!.includes("<script>"));
    assert.ok(hostile.html!.includes('href="https://chat.example.com/invite?token=a&amp;b=%22c%27"'));
    // The text version is plain text: nothing to escape there.
    assert.match(hostile.text, /join <b>&" on Switchboard as an admin/);
  });

  it("keeps names on one line so they cannot forge headers or lines", () => {
    const forged = inviteMail({ to: "new@acme.test", businessName: "Acme\r\nBcc: victim@example.com", inviterName: "Eve\n\nVisit evil", role: "OWNER", url: inviteUrl, expiresAt });
    assert.doesNotMatch(forged.subject, /[\r\n]/);
    assert.equal(forged.subject, "Eve Visit evil invited you to Acme Bcc: victim@example.com on Switchboard");
    assert.match(forged.text, /^Eve Visit evil invited you to join Acme Bcc: victim@example.com on Switchboard as an owner\.$/m);
  });

  it("refuses a link that is not an absolute http(s) URL", () => {
    for (const url of ["javascript:alert(1)", "/invite?token=abc", "data:text/html,hi"]) {
      assert.throws(() => inviteMail({ to: "new@acme.test", businessName: "Acme", inviterName: "Olivia", role: "AGENT", url, expiresAt }), /absolute http\(s\) URL/);
    }
  });
});

describe("passwordResetMail", () => {
  it("greets the person and carries only the given link", () => {
    const mail = passwordResetMail({ to: "agent@acme.test", name: "Maya", url: resetUrl, expiresAt });
    assert.equal(mail.to, "agent@acme.test");
    assert.equal(mail.subject, "Reset your Switchboard password");
    assert.match(mail.text, /^Hi Maya,$/m);
    assert.match(mail.text, /Someone asked to reset the password/);
    assert.match(mail.text, /you can ignore this email/);
    assert.deepEqual(links(mail.text), [resetUrl]);
    assert.deepEqual(links(mail.html!), [resetUrl]);
  });

  it("names the admin who issued the reset, escaped in the HTML", () => {
    const mail = passwordResetMail({ to: "agent@acme.test", name: "<Maya>", url: resetUrl, expiresAt, issuedBy: `Olivia "Boss" <admin>` });
    assert.match(mail.text, /Olivia "Boss" <admin> started a password reset for your Switchboard account\./);
    assert.ok(mail.html!.includes("Hi &lt;Maya&gt;,"));
    assert.ok(mail.html!.includes("Olivia &quot;Boss&quot; &lt;admin&gt; started a password reset"));
    assert.ok(!mail.html!.includes("<admin>"));
    assert.ok(!mail.html!.includes("<Maya>"));
  });
});
