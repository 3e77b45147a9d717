'use strict';
// Starts s3rver on a loopback port for the Lode tests and benchmarks.
//
//   node start.js --directory DIR --bucket NAME [--port N]
//
// Prints "PORT <n>" on stdout once it listens (port 0, the default, picks a free one), and exits when its
// standard input closes, so a test process that dies takes its server with it. Binds 127.0.0.1 only.
//
// s3rver 3.7 ignores "If-None-Match: *" on writes, which AWS S3 has enforced since 2024 and Lode relies on for
// PutIfAbsent. A middleware in front of s3rver adds those semantics: a PutObject or CompleteMultipartUpload
// with "If-None-Match: *" on an existing key answers 412 PreconditionFailed; writes of one key are serialised so
// that the check and the write are atomic.
//
// s3rver 3.7 also lists keys in directory-walk order, while S3 lists them in UTF-8 byte order (and Lode's store
// contract promises that order). The listing is patched to collect the matching keys, sort them, then page.
//
// s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only has in its legacy provider.
// The token is opaque to clients, so DES is swapped for AES-128-CBC (key and IV zero-padded to 16 bytes).
const crypto = require('crypto');

for (const name of ['createCipheriv', 'createDecipheriv']) {
  const original = crypto[name];
  crypto[name] = function (algorithm, key, iv, ...rest) {
    if (algorithm === 'des') {
      const pad = bytes => Buffer.concat([Buffer.from(bytes), Buffer.alloc(16 - bytes.length)]);
      return original.call(this, 'aes-128-cbc', pad(key), pad(iv), ...rest);
    }
    return original.call(this, algorithm, key, iv, ...rest);
  };
}

const S3rver = require('s3rver');
const FilesystemStore = require('s3rver/lib/stores/filesystem');

const unsortedListObjects = FilesystemStore.prototype.listObjects;
FilesystemStore.prototype.listObjects = async function listObjects(bucket, options) {
  const { startAfter = '', maxKeys = Infinity } = options;
  const all = await unsortedListObjects.call(this, bucket, { ...options, startAfter: '', maxKeys: Infinity });
  const objects = all.objects
    .filter(object => object.key > startAfter)
    .sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
  return {
    objects: objects.slice(0, maxKeys),
    commonPrefixes: all.commonPrefixes,
    isTruncated: objects.length > maxKeys,
  };
};

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const directory = option('directory');
const bucket = option('bucket', 'lode');
const port = Number(option('port', '0'));
if (!directory) {
  console.error('usage: node start.js --directory DIR --bucket NAME [--port N]');
  process.exit(2);
}

const server = new S3rver({
  address: '127.0.0.1',
  port,
  silent: true,
  directory,
  vhostBuckets: false,
  configureBuckets: [{ name: bucket, configs: [] }],
});

const tails = new Map(); // key -> promise of the last write of that key
function serialised(key, work) {
  const previous = tails.get(key) || Promise.resolve();
  const current = previous.then(work, work);
  const tail = current.catch(() => {});
  tails.set(key, tail);
  tail.then(() => { if (tails.get(key) === tail) tails.delete(key); });
  return current;
}

async function conditionalWrites(ctx, next) {
  const isWrite = (ctx.method === 'PUT' && !('partNumber' in ctx.query) && !ctx.get('x-amz-copy-source'))
    || (ctx.method === 'POST' && 'uploadId' in ctx.query);
  const match = /^\/([^/]+)\/(.+)$/.exec(ctx.path);
  if (!isWrite || !match) {
    return next();
  }
  const [, bucketName, encodedKey] = match;
  const key = decodeURIComponent(encodedKey);
  return serialised(`${bucketName}/${key}`, async () => {
    if (ctx.get('if-none-match') === '*' && await ctx.app.store.existsObject(bucketName, key)) {
      ctx.status = 412;
      ctx.type = 'application/xml';
      ctx.body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code>'
        + '<Message>At least one of the pre-conditions you specified did not hold</Message>'
        + '<Condition>If-None-Match</Condition></Error>';
      return;
    }
    await next();
  });
}

server.middleware.unshift(conditionalWrites);

server.run().then(address => {
  process.stdout.write(`PORT ${address.port}\n`);
}, error => {
  console.error(`s3rver failed to start: ${error.message}`);
  process.exit(1);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
