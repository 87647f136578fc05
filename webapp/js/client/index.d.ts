// Types for @parley/client: the browser client of the Parley chat server.
// Frames follow Parley's wire protocol, version 1.1.

/** Where the connection is. `waiting`: a reconnect is scheduled; `stopped`: for good, until start(). */
export type ConnectionState =
  | { state: 'connecting'; attempt: number }
  | { state: 'open' }
  | { state: 'waiting'; delayMs: number; attempt: number; code: number; error?: unknown }
  | { state: 'stopped'; code: number; reason?: string };

/** The server's limits, from its welcome; the protocol's defaults until then. */
export interface Limits {
  /** longest message text, in Unicode code points */
  textMax: number;
  /** largest message data, in bytes of its compact UTF-8 JSON */
  dataMax: number;
  /** largest frame the server accepts, in UTF-16 units; a larger one closes the connection with 1009 */
  frameMax: number;
  /** frames per second a connection may send */
  rateLimit: number;
  /** frames a connection may send at once */
  rateBurst: number;
}

export const DEFAULT_LIMITS: Readonly<Limits>;

/**
 * The token, or a function asked for it before every connection and, when the welcome says when the
 * session expires (`exp`), shortly before that, to renew it without reconnecting.
 */
export type TokenHook = string | (() => string | Promise<string>);

export interface ClientOptions {
  /** The server's base URL (http, https, ws or wss), such as "https://chat.example.com/parley/". Default: the page's address. */
  base?: string | URL;
  /** With authentication on: the JWT, sent in the `Sec-WebSocket-Protocol` header (`token.<jwt>`), never in the URL. */
  token?: TokenHook;
  /** Resume after this message id from the first connection on (later ones use the last id seen). */
  since?: string;
  /** How long a send waits for its answer before it rejects with `timeout`. Default 10000. */
  ackTimeoutMs?: number;
}

export interface RoomOptions extends ClientOptions {
  /** The display name to ask for; without it the server assigns `guest-<n>`. */
  name?: string;
}

/** A message's structured payload: any JSON object, relayed as sent. */
export type MessageData = { [key: string]: unknown };

export interface RoomMessage {
  type: 'message';
  id: string;
  room: string;
  from: string;
  /** absent when the message carries data only */
  text?: string;
  /** the sender's structured payload, when it sent one */
  data?: MessageData;
  /** ISO-8601 UTC with milliseconds */
  ts: string;
  ref?: string;
}

export interface DirectMessage {
  type: 'message';
  id: string;
  from: string;
  to: string;
  /** absent when the message carries data only */
  text?: string;
  /** the sender's structured payload, when it sent one */
  data?: MessageData;
  ts: string;
}

export interface RoomWelcome {
  type: 'welcome';
  room: string;
  user: string;
  members: string[];
  memberCount: number;
  history: RoomMessage[];
  recovered?: boolean;
  protocol?: string;
  limits?: Partial<Limits>;
  /** on a token-authenticated connection: when the session expires, in epoch seconds */
  exp?: number;
}

export interface UserWelcome {
  type: 'welcome';
  user: string;
  /** how many direct messages follow the welcome */
  pending: number;
  recovered?: boolean;
  protocol?: string;
  limits?: Partial<Limits>;
  /** on a token-authenticated connection: when the session expires, in epoch seconds */
  exp?: number;
}

export interface Presence {
  type: 'join' | 'leave';
  room: string;
  user: string;
  ts: string;
}

export interface Ack {
  type: 'ack';
  ref: string;
  id: string;
  status: 'delivered' | 'stored';
}

export interface Stats {
  type: 'stats';
  node: string;
  connections: number;
  rooms: number;
  users: number;
  inPerSec: number;
  outPerSec: number;
  heapUsedBytes: number;
  [more: string]: unknown;
}

export interface ErrorFrame {
  type: 'error';
  code: string;
  message?: string;
  ref?: string;
}

/**
 * Why a send failed. `code` is the server's error code (`too_long`, `empty`, `data_too_large`,
 * `rate_limited`, `inbox_full`, `bad_request`, `unavailable`, ...; the client checks text and data
 * against the limits before sending and refuses with the same codes) or one of the client's own: `not_connected`
 * (nothing was sent), `too_large` (the server closed the connection with 1009), `not_sent` (a room
 * message lost with a dropped connection), `unconfirmed` (a direct message whose ack was lost with
 * the connection), `timeout` (no answer in time; it may still arrive), `closed` (stopped first).
 */
export class ParleyError extends Error {
  readonly code: string;
  /** the server's error frame, when the server refused */
  readonly frame?: ErrorFrame;
}

/** Whether a message event comes from a welcome's history (`replayed`) or live. */
export interface MessageInfo {
  replayed: boolean;
}

declare class ParleyConnection<Events> {
  /** The current connection state. */
  readonly state: ConnectionState;
  /** True while the WebSocket is open. */
  readonly isOpen: boolean;
  /** The limits from the last welcome. */
  readonly limits: Readonly<Limits>;
  /** The protocol version from the last welcome ('' when the server does not say). */
  readonly protocol: string;
  /** The id of the last message passed on: the `since` of the next connection. */
  readonly lastId: string;
  /** Connects, and stays connected until stop() or a close that a retry cannot help (4400, 4401). */
  start(): this;
  /** Closes the connection; sends still waiting reject with `closed`. */
  stop(): void;
  /** Skips the wait before the next reconnect. */
  retryNow(): void;
  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof Events>(type: K, listener: Events[K]): () => void;
  off<K extends keyof Events>(type: K, listener: Events[K]): void;
}

/** Why the server refused the session (close 4401): `expired` when its reason says the token expired. */
export interface Unauthorized {
  code: 4401;
  reason: string;
  expired: boolean;
}

export interface CommonEvents {
  state: (state: ConnectionState) => void;
  /** the server closed with 4401 (no, a refused or an expired token); the client has stopped and does not retry */
  unauthorized: (detail: Unauthorized) => void;
  /** as `unauthorized`, when the token expired: show "Session expired" and a way to sign in again */
  expired: (detail: Unauthorized) => void;
  /** an error frame that answers no pending send (a send's own error rejects its promise) */
  error: (error: ParleyError) => void;
}

export interface RoomEvents extends CommonEvents {
  /** after the history's new messages went out as `message` events; `missed` are those messages */
  welcome: (welcome: RoomWelcome, info: { resumed: boolean; missed: RoomMessage[] }) => void;
  /** every message once, in the room's order */
  message: (message: RoomMessage, info: MessageInfo) => void;
  /** after `members` and `memberCount` were updated */
  presence: (presence: Presence) => void;
}

export interface UserEvents extends CommonEvents {
  /** the welcome; the `pending` messages it announces follow as `message` events */
  welcome: (welcome: UserWelcome, info: { resumed: boolean }) => void;
  message: (message: DirectMessage, info: MessageInfo) => void;
}

export interface MonitorEvents extends CommonEvents {
  stats: (stats: Stats) => void;
}

/** A member of one room, on `ws/room/{room}`. */
export class ParleyRoom extends ParleyConnection<RoomEvents> {
  constructor(room: string, options?: RoomOptions);
  readonly room: string;
  /** the name the server gave this member (from the welcome) */
  readonly user: string;
  readonly members: ReadonlySet<string>;
  /** all members, even in a room too large to list them all */
  readonly memberCount: number;
  /**
   * Says `text` in the room, with `data` when given (then `text` may be empty). Resolves with the
   * server's copy (with its id) once the room has it; rejects with a ParleyError: the server's
   * error, `not_connected`, `too_large`, `not_sent`, `timeout` or `closed`.
   */
  send(text: string, data?: MessageData): Promise<RoomMessage>;
}

/** One user's connection, on `ws/user/{user}`. */
export class ParleyUser extends ParleyConnection<UserEvents> {
  constructor(user: string, options?: ClientOptions);
  readonly user: string;
  /**
   * Sends `text` to user `to`, with `data` when given (then `text` may be empty). Resolves with the
   * ack (`delivered` or `stored`); rejects with a ParleyError: the server's error, `not_connected`,
   * `too_large`, `unconfirmed`, `timeout` or `closed`.
   */
  send(to: string, text: string, data?: MessageData): Promise<Ack>;
}

/** The node's live feed, on `ws/monitor`. */
export class ParleyMonitor extends ParleyConnection<MonitorEvents> {
  constructor(options?: ClientOptions);
}

/** Code points in `text`, as the server counts them against `textMax`. */
export function codePoints(text: string): number;

/** Bytes of `data` as compact UTF-8 JSON, as the server counts them against `dataMax` (near enough). */
export function dataBytes(data: MessageData): number;

/** The reconnect delay before attempt `attempt` (0 first): between half and all of min(capMs, baseMs * 2^attempt). */
export function backoffDelay(attempt: number, random?: () => number, bounds?: { baseMs: number; capMs: number }): number;
export const BACKOFF: { baseMs: number; capMs: number };

/** A sentence for a close code, such as "the connection was lost" for 1006. */
export function describeClose(code: number): string;
