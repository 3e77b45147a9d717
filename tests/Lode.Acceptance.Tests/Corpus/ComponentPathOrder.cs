using System.Text;

namespace Lode.Acceptance.Tests.Corpus;

/// <summary>
/// ripgrep's <c>--sort path</c> order: paths split at <c>/</c> and compared component by component, each component by
/// ordinal UTF-8 bytes, a path that is a prefix of another first. So <c>a/b</c> sorts before <c>a.h</c> (<c>a</c> &lt;
/// <c>a.h</c>), unlike a plain byte comparison of the whole path (<c>/</c> = 0x2F &gt; <c>.</c> = 0x2E).
/// </summary>
internal sealed class ComponentPathOrder : IComparer<string>
{
    /// <summary>The one instance.</summary>
    public static readonly ComponentPathOrder Instance = new();

    /// <inheritdoc/>
    public int Compare(string? x, string? y)
    {
        string[] left = (x ?? "").Split('/');
        string[] right = (y ?? "").Split('/');
        for (int i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            int order = CompareBytes(left[i], right[i]);
            if (order != 0)
            {
                return order;
            }
        }
        return left.Length.CompareTo(right.Length);
    }

    /// <summary>Ordinal comparison of the UTF-8 encodings (which differs from UTF-16 ordinal order above U+FFFF).</summary>
    public static int CompareBytes(string x, string y) =>
        Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y));
}
