namespace Lode.SuffixArrays;

/// <summary>
/// Read access to the string that SA-IS sorts: the input bytes at the top level, the reduced string of
/// LMS-substring names (ints) at every deeper level. Implemented by ref structs over spans so that the
/// generic SA-IS core is specialised by the JIT for each text kind, without boxing or virtual calls.
/// </summary>
internal interface ISaisText
{
    /// <summary>The number of symbols.</summary>
    int Length { get; }

    /// <summary>The symbol at <paramref name="index"/>, in [0, alphabet size).</summary>
    int this[int index] { get; }
}

/// <summary>A byte string (alphabet size 256) as an <see cref="ISaisText"/>.</summary>
internal readonly ref struct ByteText : ISaisText
{
    private readonly ReadOnlySpan<byte> _bytes;

    /// <summary>Wraps <paramref name="bytes"/> without copying.</summary>
    public ByteText(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <inheritdoc />
    public int Length => _bytes.Length;

    /// <inheritdoc />
    public int this[int index] => _bytes[index];
}

/// <summary>A string of non-negative int symbols (a reduced string of names) as an <see cref="ISaisText"/>.</summary>
internal readonly ref struct IntText : ISaisText
{
    private readonly ReadOnlySpan<int> _symbols;

    /// <summary>Wraps <paramref name="symbols"/> without copying.</summary>
    public IntText(ReadOnlySpan<int> symbols) => _symbols = symbols;

    /// <inheritdoc />
    public int Length => _symbols.Length;

    /// <inheritdoc />
    public int this[int index] => _symbols[index];
}
