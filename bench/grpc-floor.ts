// The floor under the distributed path: CPU of one bare grpc-js unary call (client and server
// in this one process, a 2 kB payload passed through as bytes, no interceptors, no protobuf)
// on this machine, at a few concurrencies. A grading makes nine calls between processes; this
// says what they cost before any medgrade code runs.
//
//   node --import tsx bench/grpc-floor.ts [--seconds 3] [--concurrency 1,8,32]

import { parseArgs } from 'node:util';
import * as grpc from '@grpc/grpc-js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '3' }, concurrency: { type: 'string', default: '1,8,32' } } });
const seconds = Number(values.seconds);

const bytes = (value: Buffer) => value;
const definition: grpc.ServiceDefinition = {
  Echo: { path: '/bench.Echo/Echo', requestStream: false, responseStream: false, requestSerialize: bytes, requestDeserialize: bytes, responseSerialize: bytes, responseDeserialize: bytes },
};

async function measure(concurrency: number): Promise<{ calls: number; cpuUs: number }> {
  const server = new grpc.Server();
  server.addService(definition, { Echo: (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => callback(null, call.request) });
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
  const Client = grpc.makeGenericClientConstructor(definition, 'Echo');
  const client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as unknown as {
    Echo(request: Buffer, metadata: grpc.Metadata, options: grpc.CallOptions, callback: (err: Error | null) => void): void;
    close(): void;
  };
  const payload = Buffer.alloc(2048, 7);
  let calls = 0;
  const once = () => new Promise<void>((resolve, reject) => client.Echo(payload, new grpc.Metadata(), { deadline: Date.now() + 5000 }, (err) => {
    if (err) reject(err);
    calls++;
    resolve();
  }));
  for (let i = 0; i < 2000; i++) await once(); // warm-up
  calls = 0;
  const cpu = process.cpuUsage();
  const end = Date.now() + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < end) await once();
  }));
  const used = process.cpuUsage(cpu);
  client.close();
  server.forceShutdown();
  return { calls, cpuUs: used.user + used.system };
}

async function main(): Promise<void> {
  console.log(`bare grpc-js ${require('@grpc/grpc-js/package.json').version} unary call, client and server in one process, node ${process.version}`);
  console.log('concurrency   calls/s   CPU µs per call (both ends)');
  for (const concurrency of values.concurrency.split(',').map(Number)) {
    const { calls, cpuUs } = await measure(concurrency);
    console.log(`${String(concurrency).padStart(11)} ${(calls / seconds).toFixed(0).padStart(9)} ${(cpuUs / calls).toFixed(0).padStart(14)}`);
  }
}

void main();
