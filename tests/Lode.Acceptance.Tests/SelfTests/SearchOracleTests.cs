using System.Text;
using Lode.Acceptance.Tests.Corpus;
using Lode.Acceptance.Tests.Harness;

namespace Lode.Acceptance.Tests.SelfTests;

/// <summary>The oracle against hand-written expectations and against ripgrep (no lode needed).</summary>
public sealed class SearchOracleTests
{
    [Fact]
    public void Oracle_keeps_cr_skips_binary_files_and_symlinks_and_adds_the_missing_final_newline()
    {
        using var work = new TempDirectory();
        File.WriteAllText(work.Combine("crlf.txt"), "one hit\r\nnone\r\nhit two");
        File.WriteAllBytes(work.Combine("binary.bin"), "hit\0hit\n"u8.ToArray());
        Directory.CreateDirectory(work.Combine("a"));
        File.WriteAllText(work.Combine("a/b"), "hit hit\n");
        File.WriteAllText(work.Combine("a.h"), "\n\nhit\n");
        File.CreateSymbolicLink(work.Combine("link"), "a.h");

        byte[] output = SearchOracle.Load(work.Path).ExpectedOutput("hit"u8.ToArray());

        Assert.Equal("a/b:1:hit hit\na.h:3:hit\ncrlf.txt:1:one hit\r\ncrlf.txt:3:hit two\n", Encoding.UTF8.GetString(output));
    }

    [Fact]
    public void Literals_are_1_to_40_bytes_and_the_generated_tree_has_both_present_and_absent_ones()
    {
        using var work = new TempDirectory();
        TreeGenerator.Generate(work.Combine("tree"), seed: 1, bigFileBytes: 1 << 20);
        var oracle = SearchOracle.Load(work.Combine("tree"));

        foreach (string literal in SearchLiterals.GeneratedTree.Concat(SearchLiterals.UsrInclude))
        {
            Assert.InRange(Encoding.UTF8.GetByteCount(literal), 1, 40);
        }
        int present = SearchLiterals.GeneratedTree.Count(l => oracle.Search(Encoding.UTF8.GetBytes(l)).Any());
        Assert.InRange(present, 20, SearchLiterals.GeneratedTree.Length - 4);
        Assert.Empty(oracle.Search(Encoding.UTF8.GetBytes(SearchLiterals.OnlyInBinary)));
    }

    [Fact]
    public async Task Oracle_equals_ripgrep_on_the_generated_tree()
    {
        using var work = new TempDirectory();
        string root = work.Combine("tree");
        TreeGenerator.Generate(root, seed: 2, bigFileBytes: 3 << 20);
        var oracle = SearchOracle.Load(root);

        foreach (string literal in SearchLiterals.GeneratedTree)
        {
            var reference = await Ripgrep.SearchAsync(root, literal);
            LodeAssert.SameOutput(reference.Stdout, oracle.ExpectedOutput(Encoding.UTF8.GetBytes(literal)), $"oracle '{literal}' vs rg");
        }
    }

    [Fact]
    public async Task Oracle_equals_ripgrep_on_usr_include()
    {
        var oracle = SearchOracle.Load("/usr/include");

        foreach (string literal in SearchLiterals.UsrInclude)
        {
            var reference = await Ripgrep.SearchAsync("/usr/include", literal);
            LodeAssert.SameOutput(reference.Stdout, oracle.ExpectedOutput(Encoding.UTF8.GetBytes(literal)), $"oracle '{literal}' vs rg");
        }
    }
}
