using Lode.IO;
using Lode.Snapshots.Format;
using Lode.Snapshots.Writing;

namespace Lode.Snapshots;

/// <summary>The optional zstd dictionary: the first jobs are held back as a sample, a dictionary is trained and stored, then the jobs run.</summary>
public sealed partial class SnapshotWriter
{
    /// <summary>The smallest <see cref="SnapshotWriterOptions.DictionarySampleBytes"/>: 64 KiB.</summary>
    private const int MinimumSample = 64 << 10;

    /// <summary>The largest <see cref="SnapshotWriterOptions.DictionarySampleBytes"/>: 64 MiB.</summary>
    private const int MaximumSample = 64 << 20;

    /// <summary>The most jobs held back for a sample, so many tiny chunks cannot pile up.</summary>
    private const int MaximumHeld = 1 << 16;

    /// <summary>The dictionary is at most 1/32 of its sample (and at most zstd's default 110 KiB): zstd advises samples of about 100 times the dictionary.</summary>
    private const int DictionaryRatio = 32;

    /// <summary>The fewest sample chunks worth training on.</summary>
    private const int MinimumSamples = 8;

    private readonly List<ChunkJob> _held = [];
    private bool _holding;
    private long _heldBytes;
    private ZstdDictionary? _dictionary;
    private RegionRef _dictionaryRegion;

    private void Hold(ChunkJob job)
    {
        job.Compact();
        _held.Add(job);
        // Every held chunk counts, whatever its stream's codec: memory stays bounded by the sample size.
        _heldBytes += job.Plain.Length;
        if (_heldBytes >= _options.DictionarySampleBytes || _held.Count >= MaximumHeld)
        {
            ReleaseHeld();
        }
    }

    /// <summary>Trains and stores the dictionary from the held jobs (when zstd can), then starts them in order.</summary>
    private void ReleaseHeld()
    {
        if (!_holding)
        {
            return;
        }
        _holding = false;
        var samples = _held.Where(j => j.Stream.Settings.Codec == CompressionCodec.Zstd && !j.Plain.IsEmpty).ToList();
        if (samples.Count >= MinimumSamples)
        {
            TrainAndStore(samples);
        }
        var held = _held.ToArray();
        _held.Clear();
        for (int i = 0; i < held.Length; i++)
        {
            try
            {
                Submit(held[i]);
            }
            catch
            {
                foreach (var rest in held.AsSpan(i + 1))
                {
                    rest.Release();
                }
                throw;
            }
        }
    }

    private void TrainAndStore(List<ChunkJob> samples)
    {
        var buffer = new byte[samples.Sum(j => j.Plain.Length)];
        var lengths = new int[samples.Count];
        int at = 0;
        for (int i = 0; i < samples.Count; i++)
        {
            samples[i].Plain.CopyTo(buffer.AsSpan(at));
            lengths[i] = samples[i].Plain.Length;
            at += lengths[i];
        }
        byte[] trained;
        try
        {
            trained = ZstdDictionary.Train(buffer, lengths, Math.Clamp(buffer.Length / DictionaryRatio, ZstdDictionary.MinimumCapacity, ZstdDictionary.DefaultCapacity));
        }
        catch (CodecException)
        {
            return;
        }
        _dictionary = new ZstdDictionary(trained);
        byte[] stored = trained;
        if (_keys is not null)
        {
            stored = new byte[trained.Length + SnapshotLayout.CipherOverhead];
            _keys.Cipher.Encrypt(_keys.DictionaryNonce(), trained, stored);
        }
        _dictionaryRegion = new RegionRef(_position, stored.Length, Sha256Digest.Compute(stored));
        WriteOutput(stored);
        _context = _context.With(new BlockTransform(_keys?.Cipher, _dictionary, _context.Transform.Hasher));
    }
}
