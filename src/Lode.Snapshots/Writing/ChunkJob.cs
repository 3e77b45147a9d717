using System.Buffers;
using Lode.IO;
using Lode.Snapshots.Format;

namespace Lode.Snapshots.Writing;

/// <summary>
/// One block on its way to the file. A chunk job carries plaintext: <see cref="Run"/> (on any thread) hashes and
/// zero-tests it and, when it is the first with its hash, looks it up in earlier snapshots or compresses, encrypts
/// and checksums it. A reference job (from <see cref="SnapshotWriter.AppendFrom"/>) carries only a hash and where
/// the block already is. Either is committed in order by the writer. Owns its pooled buffers until
/// <see cref="Release"/>.
/// </summary>
internal sealed class ChunkJob
{
    private byte[]? _data;
    private EncodedBlock _encoded;

    private ChunkJob(StreamState stream, byte[]? data, int length, byte[] nonce)
    {
        Stream = stream;
        _data = data;
        Length = length;
        Nonce = nonce;
    }

    /// <summary>The stream the block belongs to.</summary>
    public StreamState Stream { get; }

    /// <summary>The task running <see cref="Run"/>, once submitted.</summary>
    public Task? Work { get; set; }

    /// <summary>The block's logical length in bytes.</summary>
    public int Length { get; }

    /// <summary>The nonce of the block's stored bytes when the file is encrypted (else empty).</summary>
    public byte[] Nonce { get; }

    /// <summary>True when every byte is zero and zero blocks are allowed.</summary>
    public bool IsZero { get; private set; }

    /// <summary>The block hash of the plaintext.</summary>
    public Sha256Digest Hash { get; private set; }

    /// <summary>Whether the lookup was asked (or the job is a reference) and, if it found nothing, the block encoded.</summary>
    public bool Decided { get; private set; }

    /// <summary>Where an earlier snapshot holds the block, when found.</summary>
    public ParentBlockRef? Found { get; private set; }

    /// <summary>Whether <see cref="Stored"/> is ready.</summary>
    public bool IsEncoded { get; private set; }

    /// <summary>Whether the stored bytes are the plaintext (before encryption).</summary>
    public bool IsRaw => _encoded.IsRaw;

    /// <summary>CRC32C of <see cref="Stored"/>.</summary>
    public uint Crc { get; private set; }

    /// <summary>The bytes to store (valid once encoded, until <see cref="Release"/>).</summary>
    public ReadOnlySpan<byte> Stored => _encoded.Buffer is null ? _data.AsSpan(0, Length) : _encoded.Buffer.AsSpan(0, _encoded.Length);

    /// <summary>Plaintext bytes held (for the dictionary sample).</summary>
    public ReadOnlySpan<byte> Plain => _data.AsSpan(0, _data is null ? 0 : Length);

    /// <summary>A chunk of plaintext in a pooled buffer, which the job now owns.</summary>
    public static ChunkJob ForChunk(StreamState stream, byte[] data, int length, byte[] nonce) => new(stream, data, length, nonce);

    /// <summary>A block an earlier snapshot holds, with its hash.</summary>
    public static ChunkJob ForReference(StreamState stream, Sha256Digest hash, ParentBlockRef found) =>
        new(stream, null, found.LogicalLength, []) { Hash = hash, Found = found, Decided = true };

    /// <summary>An all-zero block known from its source, with its hash.</summary>
    public static ChunkJob ForZero(StreamState stream, int length, Sha256Digest hash) =>
        new(stream, null, length, []) { Hash = hash, IsZero = true, Decided = true };

    /// <summary>Moves the plaintext into a buffer of about its own size, so a held-back job does not pin a largest-block buffer.</summary>
    public void Compact()
    {
        if (_data is not null && _data.Length > 2 * Length)
        {
            var compact = ArrayPool<byte>.Shared.Rent(Length);
            _data.AsSpan(0, Length).CopyTo(compact);
            ArrayPool<byte>.Shared.Return(_data);
            _data = compact;
        }
    }

    /// <summary>Does the CPU work. Thread-safe with respect to other jobs.</summary>
    /// <exception cref="CodecException">The codec failed.</exception>
    public void Run(JobContext context)
    {
        if (_data is null)
        {
            return;
        }
        var plain = _data.AsSpan(0, Length);
        Hash = context.Transform.Hasher.Compute(plain);
        IsZero = context.ZeroBlocks && !plain.ContainsAnyExcept((byte)0);
        if (!IsZero && context.Claim(Hash, this))
        {
            Decide(context);
        }
    }

    /// <summary>Asks the lookup; when it has no block of this length, encodes. Runs on a worker or, for a job that deferred to another with the same hash, in the writer.</summary>
    public void Decide(JobContext context)
    {
        Decided = true;
        if (context.Lookup is { } lookup)
        {
            Span<byte> hash = stackalloc byte[Sha256Digest.Size];
            Hash.Write(hash);
            if (lookup.TryFind(hash, out var found) && found.LogicalLength == Length)
            {
                Found = found;
                return;
            }
        }
        Encode(context);
    }

    /// <summary>
    /// Takes the decision of <paramref name="claimer"/>, a later job with the same hash and the same codec and level
    /// whose <see cref="Run"/> has finished: where an earlier snapshot holds the block, or its encoded bytes (with the
    /// claimer's nonce, which is then used once, here) — so the block is not compressed a second time. The claimer is
    /// left undecided; it will be committed as a repeat of this job's block.
    /// </summary>
    public void TakeDecisionOf(ChunkJob claimer)
    {
        Decided = true;
        Found = claimer.Found;
        IsEncoded = claimer.IsEncoded;
        Crc = claimer.Crc;
        // Raw and unencrypted, the encoded block has no buffer and the stored bytes are the plaintext: this job's too.
        _encoded = claimer._encoded;
        claimer._encoded = default;
        claimer.Decided = false;
        claimer.IsEncoded = false;
        claimer.Found = null;
    }

    /// <summary>Compresses, encrypts and checksums the plaintext.</summary>
    /// <exception cref="InvalidOperationException">The job has no plaintext (a reference job).</exception>
    public void Encode(JobContext context)
    {
        if (_data is null)
        {
            throw new InvalidOperationException("A reference job has no bytes to store.");
        }
        _encoded = context.Transform.Encode(_data.AsSpan(0, Length), Stream.Settings, Nonce);
        context.CountEncoded();
        Crc = Crc32C.Compute(Stored);
        IsEncoded = true;
    }

    /// <summary>Returns the pooled buffers. Call once, after the job is committed or abandoned.</summary>
    public void Release()
    {
        if (_data is not null)
        {
            ArrayPool<byte>.Shared.Return(_data);
            _data = null;
        }
        _encoded.Release();
        _encoded = default;
    }
}
