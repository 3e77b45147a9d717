using System.Text;

namespace Lode;

/// <summary>
/// The order of paths everywhere in Lode: component-wise, each component compared by its UTF-8 bytes
/// (ordinal), so a directory's contents follow it directly and <c>a/b</c> sorts before <c>a.h</c>. This is
/// the order of a depth-first walk that visits names in byte order, and the order of ripgrep's
/// <c>--sort path</c>. Thread-safe (stateless).
/// </summary>
public sealed class PathOrder : IComparer<string>
{
    /// <summary>The single instance.</summary>
    public static PathOrder Instance { get; } = new();

    private PathOrder()
    {
    }

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }
        int max = Math.Max(Encoding.UTF8.GetMaxByteCount(x.Length), Encoding.UTF8.GetMaxByteCount(y.Length));
        if (max <= 1024)
        {
            Span<byte> a = stackalloc byte[Encoding.UTF8.GetMaxByteCount(x.Length)];
            Span<byte> b = stackalloc byte[Encoding.UTF8.GetMaxByteCount(y.Length)];
            return CompareUtf8(a[..Encoding.UTF8.GetBytes(x, a)], b[..Encoding.UTF8.GetBytes(y, b)]);
        }
        return CompareUtf8(Encoding.UTF8.GetBytes(x), Encoding.UTF8.GetBytes(y));
    }

    /// <summary>Compares two UTF-8 paths component-wise: '/' ranks below every other byte.</summary>
    public static int CompareUtf8(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        int common = x.CommonPrefixLength(y);
        if (common == x.Length || common == y.Length)
        {
            return x.Length.CompareTo(y.Length);
        }
        return Rank(x[common]).CompareTo(Rank(y[common]));
    }

    private static int Rank(byte b) => b == (byte)'/' ? -1 : b;
}
