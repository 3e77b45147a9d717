namespace Lode.SuffixArrays;

/// <summary>Options for <see cref="FmIndex.Build"/>. Immutable; validated when set.</summary>
public sealed class FmIndexOptions
{
    private readonly int _sampleRate = 64;

    /// <summary>
    /// The text-order suffix array sampling interval s: every text position p with <c>p % s == 0</c> is
    /// sampled, so locating one occurrence takes fewer than s LF steps. Samples cost about
    /// <c>(⌈log2(n/s + 1)⌉ + 8) / s</c> bits per text byte plus 1/16 bit for their marks. Default 64.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a power of two in 1..65536.</exception>
    public int SampleRate
    {
        get => _sampleRate;
        init
        {
            if (value < 1 || value > 65536 || !int.IsPow2(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The sample rate must be a power of two in 1..65536.");
            }
            _sampleRate = value;
        }
    }
}
