using System.Text;

namespace Lode.Tests;

/// <summary>Very repetitive trees index and search without blow-up: one header in thousands of files, one file in many places.</summary>
public sealed class RepetitiveTreeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lode-repetitive-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Thousands_of_copies_of_one_license_header_are_all_found()
    {
        string tree = Path.Combine(_dir, "tree");
        var header = new StringBuilder();
        for (int i = 0; i < 20; i++)
        {
            header.Append("// Licensed under the Apache License, Version 2.0; you may not use this file except in compliance.\n");
        }
        for (int i = 0; i < 2000; i++)
        {
            string dir = Path.Combine(tree, $"d{i % 10}");
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, $"f{i}.c"), $"{header}int unique_{i}(void);\n");
        }
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        var result = repository.CreateSnapshot(tree, new SnapshotOptions { IndexShardSize = 1 << 20 });

        using var view = repository.OpenSnapshot(result.Manifest);
        Assert.Equal(2000 * 20, Count(view, "Version 2.0; you may"));
        Assert.Equal(2000, Count(view, "int unique_"));
        Assert.Equal(1, Count(view, "unique_1234("));
    }

    [Fact]
    public void The_same_file_in_a_thousand_places_is_indexed_once_and_found_everywhere()
    {
        string tree = Path.Combine(_dir, "tree");
        string content = string.Concat(Enumerable.Range(0, 2000).Select(i => $"line {i} of the shared file\n"));
        for (int i = 0; i < 1000; i++)
        {
            string dir = Path.Combine(tree, $"d{i % 25}", $"e{i}");
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "shared.txt"), content);
        }
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        var result = repository.CreateSnapshot(tree);

        Assert.Equal(Encoding.UTF8.GetByteCount(content), result.IndexedTextBytes);
        using var view = repository.OpenSnapshot(result.Manifest);
        Assert.Equal(1000, Count(view, "line 1999 of"));
    }

    private static long Count(SnapshotView view, string pattern) => view.Search(Encoding.UTF8.GetBytes(pattern), long.MaxValue, (_, _, _) => { });
}
