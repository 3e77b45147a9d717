using System.Xml.Linq;

namespace Lode.Tests;

/// <summary>DESIGN.md's layering rule, read from the project files themselves.</summary>
public class LayeringTests
{
    private static readonly string[] Subsystems = ["Lode.SuffixArrays", "Lode.Snapshots", "Lode.Metadata", "Lode.ObjectStorage"];

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Lode.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Lode.sln not found above the test directory.");
    }

    private static List<string> ReferencesOf(string project)
    {
        string path = Path.Combine(RepositoryRoot(), "src", project, project + ".csproj");
        return [.. XDocument.Load(path).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value))];
    }

    public static TheoryData<string> ExistingSubsystems()
    {
        var data = new TheoryData<string>();
        foreach (var s in Subsystems.Where(s => Directory.Exists(Path.Combine(RepositoryRoot(), "src", s))))
        {
            data.Add(s);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ExistingSubsystems))]
    public void A_subsystem_library_depends_on_Lode_IO_and_nothing_else_of_ours(string project)
    {
        var references = ReferencesOf(project);
        Assert.All(references, r => Assert.Equal("Lode.IO", r));
    }

    [Fact]
    public void Lode_IO_depends_on_nothing_of_ours()
    {
        Assert.Empty(ReferencesOf("Lode.IO"));
    }

    [Fact]
    public void The_command_line_depends_on_the_engine_only()
    {
        Assert.Equal(["Lode"], ReferencesOf("Lode.Cli"));
    }

    [Fact]
    public void Loaded_subsystem_assemblies_reference_no_other_subsystem()
    {
        foreach (var assembly in new[] { typeof(Snapshots.SnapshotReader).Assembly, typeof(SuffixArrays.SuffixArray).Assembly, typeof(ObjectStorage.IObjectStore).Assembly, typeof(Metadata.MetadataStore).Assembly })
        {
            var ours = assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Lode", StringComparison.Ordinal));
            Assert.All(ours, name => Assert.Equal("Lode.IO", name));
        }
    }
}
