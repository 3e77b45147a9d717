namespace Lode.Tests;

public class PathOrderTests
{
    [Fact]
    public void Orders_component_wise_like_a_sorted_depth_first_walk()
    {
        string[] paths = ["a.h", "a/b", "a", "", "a-b", "a/b/c", "ab", "a/c", "Z", "é", "a/b.h"];
        var sorted = paths.Order(PathOrder.Instance).ToArray();
        Assert.Equal(["", "Z", "a", "a/b", "a/b/c", "a/b.h", "a/c", "a-b", "a.h", "ab", "é"], sorted);
    }

    [Fact]
    public void Compares_by_utf8_bytes_not_utf16_units()
    {
        // U+FF5E (EF BD 9E in UTF-8) sorts before U+1F600 (F0 9F 98 80), although its UTF-16 unit is larger.
        Assert.True(PathOrder.Instance.Compare("\uFF5E", "\U0001F600") < 0);
        Assert.True(string.CompareOrdinal("\uFF5E", "\U0001F600") > 0);
    }

    [Fact]
    public void Is_a_total_order_on_random_paths()
    {
        var random = new Random(11);
        string alphabet = "ab./-Z";
        var paths = Enumerable.Range(0, 300).Select(_ => string.Join('/',
            Enumerable.Range(0, random.Next(1, 4)).Select(_ => new string(Enumerable.Range(0, random.Next(1, 4)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray())))).ToList();
        foreach (var x in paths.Take(60))
        {
            foreach (var y in paths.Take(60))
            {
                int xy = PathOrder.Instance.Compare(x, y);
                Assert.Equal(-Math.Sign(xy), Math.Sign(PathOrder.Instance.Compare(y, x)));
                Assert.Equal(x == y, xy == 0);
                // Component-wise: the same as comparing the component lists element by element.
                var cx = x.Split('/');
                var cy = y.Split('/');
                int expected = 0;
                for (int i = 0; i < Math.Min(cx.Length, cy.Length) && expected == 0; i++)
                {
                    expected = Math.Sign(string.CompareOrdinal(cx[i], cy[i]));
                }
                if (expected == 0)
                {
                    expected = Math.Sign(cx.Length.CompareTo(cy.Length));
                }
                Assert.Equal(expected, Math.Sign(xy));
            }
        }
    }
}
