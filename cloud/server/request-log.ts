import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'

/**
 * The server's request log: one line a request, written as it is answered — its request id (the child logger's
 * `reqId`), method and URL (main.ts's `req` serializer: never a body, never an identity header; a photo URL without its
 * key), status and time — instead of fastify's two (`incoming request`, then `request completed`). Why: at
 * LOG_LEVEL=info, production's default, the two lines cost the server ~20 µs of CPU a request (a serialized object and a
 * write to stdout each: the refused-create floor 62 µs at LOG_LEVEL=error, 86 at info, 76 with one line;
 * docs/benchmarks.md, point 5 fifth round). What is lost:
 * a line for a request that is never answered (a body still arriving when the client goes: requestTimeout ends it).
 * Errors are logged as fastify logs them.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) return super.requestCompleted(error, request, reply)
    reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed')
  }
}
