import { connect, type Socket } from 'net';

export interface Reply {
  status: number;
  body: string;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * A minimal HTTP/1.1 client for load generation: keep-alive connections, one request in flight on each, responses
 * delimited by Content-Length (every API response has one). The load generator shares the host with the API and the
 * database it measures, so it must cost as little as it can: a general client (undici) spends most of its time on
 * what a benchmark does not need (header objects, body streams, a parser for every HTTP feature), and that time is
 * taken from the server under test.
 */
export class LeanHttp {
  private readonly idle: Connection[] = [];
  private readonly waiting: ((c: Connection) => void)[] = [];
  private open = 0;
  private readonly hostHeader: string;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly maxConnections: number,
  ) {
    this.hostHeader = `Host: ${host}:${port}\r\n`;
  }

  /** `headers` are ready-made `Name: value\r\n` lines. */
  async request(method: string, path: string, headers = '', body?: string): Promise<Reply> {
    const head = `${method} ${path} HTTP/1.1\r\n${this.hostHeader}${headers}${body === undefined ? '' : `Content-Length: ${Buffer.byteLength(body)}\r\n`}\r\n`;
    const conn = await this.acquire();
    try {
      const reply = await conn.send(body === undefined ? head : head + body);
      this.release(conn);
      return reply;
    } catch (err) {
      this.drop(conn);
      throw err;
    }
  }

  close(): void {
    for (const c of this.idle) c.destroy();
    this.idle.length = 0;
  }

  private acquire(): Promise<Connection> {
    const conn = this.idle.pop();
    if (conn) return Promise.resolve(conn);
    if (this.open < this.maxConnections) return Promise.resolve(this.connect());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private connect(): Connection {
    this.open++;
    const conn: Connection = new Connection(this.host, this.port, () => this.forget(conn));
    return conn;
  }

  private release(conn: Connection): void {
    if (conn.closed) return this.drop(conn);
    const next = this.waiting.shift();
    if (next) next(conn);
    else this.idle.push(conn);
  }

  private drop(conn: Connection): void {
    conn.destroy();
    this.forget(conn);
  }

  /** A connection the server closed (keep-alive timeout) or that failed: forgotten, and a waiter gets a new one. */
  private forget(conn: Connection): void {
    if (conn.forgotten) return;
    conn.forgotten = true;
    const i = this.idle.indexOf(conn);
    if (i >= 0) this.idle.splice(i, 1);
    this.open--;
    const next = this.waiting.shift();
    if (next) next(this.connect());
  }
}

class Connection {
  closed = false;
  forgotten = false;
  private readonly socket: Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private bodyStart = -1;
  private end = -1;
  private status = 0;
  private closeAfter = false;
  private pending?: { resolve: (r: Reply) => void; reject: (e: Error) => void };

  constructor(host: string, port: number, onClose: () => void) {
    this.socket = connect(port, host);
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', (err) => this.fail(err));
    this.socket.on('close', () => {
      this.closed = true;
      this.fail(new Error('connection closed by the server'));
      onClose();
    });
  }

  send(request: string): Promise<Reply> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('connection closed'));
      this.pending = { resolve, reject };
      this.socket.write(request, 'utf8');
    });
  }

  destroy(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    if (this.bodyStart < 0) {
      const at = this.buffer.indexOf(HEADER_END);
      if (at < 0) return;
      const head = this.buffer.toString('latin1', 0, at);
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      if (!length) return this.fail(new Error(`response without Content-Length: ${head.split('\r\n')[0]}`));
      this.status = Number(head.slice(9, 12));
      this.bodyStart = at + HEADER_END.length;
      this.end = this.bodyStart + Number(length[1]);
      this.closeAfter = /\r\nconnection:\s*close/i.test(head);
    }
    if (this.buffer.length < this.end) return;
    const reply = { status: this.status, body: this.buffer.toString('utf8', this.bodyStart, this.end) };
    this.buffer = this.buffer.subarray(this.end);
    this.bodyStart = -1;
    const pending = this.pending;
    this.pending = undefined;
    if (this.closeAfter) this.destroy();
    pending?.resolve(reply);
  }

  private fail(err: Error): void {
    const pending = this.pending;
    this.pending = undefined;
    this.bodyStart = -1;
    this.buffer = Buffer.alloc(0);
    pending?.reject(err);
  }
}
