import { createServer, type Http2Server, type Http2Session, type ServerHttp2Stream } from 'node:http2';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

/**
 * A plaintext HTTP/2 server that answers gRPC calls with recorded responses, so the real
 * @eventstore/db-client (its channel, calls, error mapping and caches) can be driven here, where no
 * EventStoreDB runs. Each handler gets the call's request messages and answers with messages and
 * a gRPC status; a path without a handler is answered UNIMPLEMENTED, as a server would.
 *
 * It models a handful of server answers per spec, never the server: what EventStoreDB itself does
 * is checked by `npm run test:eventstoredb`.
 */
export type GrpcAnswer =
  /** Messages (serialized protobufs), then the status (0 = OK). */
  | { messages?: Uint8Array[]; status?: number; message?: string }
  /** Never answer: the call stays open until the client gives up (its deadline) or cancels. */
  | 'silence';

export type GrpcHandler = (request: Buffer[]) => GrpcAnswer | Promise<GrpcAnswer>;

export interface GrpcStubServer {
  /** `esdb://127.0.0.1:<port>?tls=false` plus any extra settings. */
  connectionString(extra?: string): string;
  /** How many calls reached each path. */
  calls: Map<string, number>;
  close(): Promise<void>;
}

const UNIMPLEMENTED = 12;

// ─── Recorded answers of EventStoreDB, built with the client's own protobuf classes ─────────────
const require = createRequire(import.meta.url);
export const streamsPb = require('@eventstore/db-client/generated/streams_pb.js') as typeof import('@eventstore/db-client/generated/streams_pb.js');
export const sharedPb = require('@eventstore/db-client/generated/shared_pb.js') as typeof import('@eventstore/db-client/generated/shared_pb.js');
export const featuresPb = require('@eventstore/db-client/generated/serverfeatures_pb.js') as typeof import('@eventstore/db-client/generated/serverfeatures_pb.js');

export const READ = '/event_store.client.streams.Streams/Read';
export const APPEND = '/event_store.client.streams.Streams/Append';
export const BATCH_APPEND = '/event_store.client.streams.Streams/BatchAppend';
export const FEATURES = '/event_store.client.server_features.ServerFeatures/GetSupportedMethods';
export const UNAVAILABLE = 14;

/** An empty server: every stream is not found and $all holds nothing. */
export const emptyReads: GrpcHandler = ([request]) => {
  const options = streamsPb.ReadReq.deserializeBinary(request!).getOptions()!;
  if (!options.hasStream()) return {};
  const identifier = new sharedPb.StreamIdentifier();
  identifier.setStreamName(options.getStream()!.getStreamIdentifier()!.getStreamName());
  const notFound = new streamsPb.ReadResp.StreamNotFound();
  notFound.setStreamIdentifier(identifier);
  const response = new streamsPb.ReadResp();
  response.setStreamNotFound(notFound);
  return { messages: [response.serializeBinary()] };
};


export async function startGrpcStubServer(handlers: Record<string, GrpcHandler>): Promise<GrpcStubServer> {
  const calls = new Map<string, number>();
  const open = new Set<ServerHttp2Stream>();
  const server: Http2Server = createServer();
  const sessions = new Set<Http2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  server.on('stream', (stream, headers) => {
    const path = String(headers[':path']);
    calls.set(path, (calls.get(path) ?? 0) + 1);
    open.add(stream);
    stream.on('close', () => open.delete(stream));
    stream.on('error', () => undefined);
    const chunks: Buffer[] = [];
    let answered = false;
    const answer = async () => {
      if (answered) return;
      answered = true;
      const handler = handlers[path];
      const reply = handler ? await handler(splitMessages(Buffer.concat(chunks))) : { status: UNIMPLEMENTED, message: `${path} is not implemented` };
      if (reply === 'silence' || stream.destroyed) return;
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': String(reply.status ?? 0), ...(reply.message ? { 'grpc-message': encodeURIComponent(reply.message) } : {}) }));
      stream.end(Buffer.concat((reply.messages ?? []).map(frame)));
    };
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // A streaming call (BatchAppend) never half-closes: answer once its first message is in.
      if (path.endsWith('/BatchAppend') && splitMessages(Buffer.concat(chunks)).length > 0) void answer();
    });
    stream.on('end', () => void answer());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    calls,
    connectionString: (extra = '') => `esdb://127.0.0.1:${port}?tls=false${extra}`,
    close: async () => {
      for (const stream of open) stream.close();
      // Like a server that goes away: every connection is dropped, not drained.
      for (const session of sessions) session.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function frame(message: Uint8Array): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, Buffer.from(message)]);
}

function splitMessages(body: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at + 5 <= body.length; ) {
    const length = body.readUInt32BE(at + 1);
    if (at + 5 + length > body.length) break;
    out.push(body.subarray(at + 5, at + 5 + length));
    at += 5 + length;
  }
  return out;
}
