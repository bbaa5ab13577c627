import { expect, test } from "@playwright/test";
import { io } from "socket.io-client";
import { baseURL } from "../playwright.config";

/** Non-browser login as documented in the README: csrf, then the credentials callback. */
async function apiLogin(email: string, password: string) {
  const csrfResponse = await fetch(`${baseURL}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookies = csrfResponse.headers.getSetCookie().map((c) => c.split(";")[0]);
  const response = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const sessionCookie = response.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  return { status: response.status, sessionCookie: sessionCookie?.split(";")[0] };
}

function connect(options: Parameters<typeof io>[1]) {
  const socket = io(`${baseURL}/dashboard`, { transports: ["websocket"], reconnection: false, forceNew: true, ...options });
  return new Promise<{ ok: true; socket: typeof socket } | { ok: false; message: string }>((resolve) => {
    socket.once("connect", () => resolve({ ok: true, socket }));
    socket.once("connect_error", (error) => {
      socket.close();
      resolve({ ok: false, message: error.message });
    });
  });
}

test("the cookie from a non-browser login authenticates a socket.io client", async () => {
  const login = await apiLogin("owner@globex.test", "switchboard-demo");
  expect(login.status).toBe(200);
  expect(login.sessionCookie).toBeTruthy();

  const withCookie = await connect({ extraHeaders: { cookie: login.sessionCookie! } });
  expect(withCookie.ok).toBe(true);
  if (withCookie.ok) {
    const ack = await withCookie.socket.emitWithAck("session.whoami", {});
    expect(ack).toMatchObject({ success: true, user: { email: "owner@globex.test" } });
    withCookie.socket.close();
  }

  const token = login.sessionCookie!.split("=")[1];
  const withToken = await connect({ auth: { token } });
  expect(withToken.ok).toBe(true);
  if (withToken.ok) withToken.socket.close();
});

test("a bad password gets 401 and no session; no cookie gets connect_error unauthorized", async () => {
  const login = await apiLogin("owner@globex.test", "wrong");
  expect(login.status).toBe(401);
  expect(login.sessionCookie).toBeUndefined();
  expect(await connect({})).toEqual({ ok: false, message: "unauthorized" });
});
