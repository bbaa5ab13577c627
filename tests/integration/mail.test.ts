import assert from "node:assert/strict";
import net from "node:net";
import { after, before, describe, it } from "node:test";
import { createMailer, DEFAULT_SMTP_FROM, mailerFromEnv, type Mailer } from "../../lib/mail/mailer.server";
import { inviteMail, passwordResetMail } from "../../lib/mail/messages";
import { freePort } from "../../lib/server/free-port";
import { startSmtpCatcher, type SmtpCatcher } from "../support/smtp-catcher";

const FROM = "Switchboard <no-reply@switchboard.test>";
const expiresAt = new Date("2026-12-07T09:05:00Z");

describe("sending email over SMTP", () => {
  let catcher: SmtpCatcher;
  let mailer: Mailer;
  before(async () => {
    catcher = await startSmtpCatcher();
    mailer = createMailer({ smtpUrl: catcher.url, from: FROM });
  });
  after(async () => {
    mailer?.close();
    await catcher?.stop();
  });

  it("delivers an invitation with its recipient, subject, sender and link", async () => {
    const url = "https://chat.example.com/invite/accept?token=tok_invite_0123456789abcdefghijklmnopqrstuvwxyz";
    const mail = inviteMail({ to: "new.agent@acme.test", businessName: "Acme Support", inviterName: "Olivia Owner", role: "AGENT", url, expiresAt });
    await mailer.send(mail);
    const caught = await catcher.waitFor((m) => m.to.includes("new.agent@acme.test"));
    assert.deepEqual(caught.to, ["new.agent@acme.test"]);
    assert.equal(caught.headers.to, "new.agent@acme.test");
    assert.equal(caught.from, FROM);
    assert.equal(caught.subject, "Olivia Owner invited you to Acme Support on Switchboard");
    assert.equal(caught.text, mail.text);
    assert.ok(caught.text.includes(url));
    assert.match(caught.headers["content-type"], /^multipart\/alternative/);
    assert.ok(caught.raw.includes("text/html"));
  });

  it("delivers non-ASCII names and a long link intact", async () => {
    const url = `https://chat.example.com/reset-password?token=${"x".repeat(150)}`;
    const mail = passwordResetMail({ to: "søren@acme.test", name: "Søren Ünïcødé", url, expiresAt, issuedBy: "Zoë (admin)" });
    await mailer.send(mail);
    const caught = await catcher.waitFor((m) => m.to.includes("søren@acme.test"));
    assert.equal(caught.subject, "Reset your Switchboard password");
    assert.equal(caught.text, mail.text);
    assert.ok(caught.text.includes(url));
    assert.match(caught.text, /^Hi Søren Ünïcødé,$/m);
  });

  it("logs in when the URL carries a user and password", async () => {
    const withAuth = createMailer({ smtpUrl: catcher.url.replace("smtp://", "smtp://mailer%40acme:p%3Ass@"), from: FROM });
    try {
      await withAuth.send({ to: "auth@acme.test", subject: "With AUTH", text: "hello" });
    } finally {
      withAuth.close();
    }
    const caught = await catcher.waitFor((m) => m.subject === "With AUTH");
    assert.equal(caught.user, "mailer@acme");
    assert.equal(caught.text, "hello");
  });
});

describe("an unreachable SMTP server", () => {
  it("rejects when nothing listens on the port, rather than hanging", { timeout: 15_000 }, async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${await freePort()}`, from: FROM });
    try {
      await assert.rejects(mailer.send({ to: "nobody@acme.test", subject: "lost", text: "lost" }), /ECONNREFUSED/);
    } finally {
      mailer.close();
    }
  });

  it("gives up on a server that accepts the connection but never greets", { timeout: 15_000 }, async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM, timeoutMs: 500 });
    try {
      await assert.rejects(mailer.send({ to: "nobody@acme.test", subject: "lost", text: "lost" }), (error: NodeJS.ErrnoException) => error.code === "ETIMEDOUT");
    } finally {
      mailer.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("refuses a URL that is not smtp:// or smtps:// without echoing it", () => {
    assert.throws(
      () => createMailer({ smtpUrl: "http://user:secret@mail.example.com", from: FROM }),
      (error: Error) => /smtp:\/\/ or smtps:\/\//.test(error.message) && !error.message.includes("secret"),
    );
  });
});

describe("mailerFromEnv", () => {
  const saved = { url: process.env.SMTP_URL, from: process.env.SMTP_FROM };
  after(() => {
    mailerFromEnv()?.close();
    for (const [key, value] of [
      ["SMTP_URL", saved.url],
      ["SMTP_FROM", saved.from],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it("is off (null) without SMTP_URL, and one shared mailer with it, sending from the default address", async () => {
    const catcher = await startSmtpCatcher();
    try {
      delete process.env.SMTP_URL;
      delete process.env.SMTP_FROM;
      assert.equal(mailerFromEnv(), null);
      process.env.SMTP_URL = "";
      assert.equal(mailerFromEnv(), null);

      process.env.SMTP_URL = catcher.url;
      const mailer = mailerFromEnv();
      assert.ok(mailer);
      assert.equal(mailerFromEnv(), mailer);
      await mailer.send({ to: "env@acme.test", subject: "From the environment", text: "hi" });
      assert.equal((await catcher.waitFor((m) => m.subject === "From the environment")).from, DEFAULT_SMTP_FROM);

      process.env.SMTP_FROM = FROM;
      const renamed = mailerFromEnv();
      assert.notEqual(renamed, mailer);
      await renamed!.send({ to: "env@acme.test", subject: "With SMTP_FROM", text: "hi" });
      assert.equal((await catcher.waitFor((m) => m.subject === "With SMTP_FROM")).from, FROM);
    } finally {
      await catcher.stop();
    }
  });
});
