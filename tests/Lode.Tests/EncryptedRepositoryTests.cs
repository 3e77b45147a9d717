using System.Text;
using Lode.ObjectStorage;

namespace Lode.Tests;

/// <summary>An encrypted repository: nothing of the plaintext in any object, and the password checked first.</summary>
public sealed class EncryptedRepositoryTests : IDisposable
{
    private const string Secret = "zebra-quartz-secret";
    private readonly string _dir = Directory.CreateTempSubdirectory("lode-encrypted-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Repo => Path.Combine(_dir, "repo");

    private static RepositoryOptions WithPassword(string password) => new() { Password = () => password };

    private string MakeTree()
    {
        string root = Path.Combine(_dir, "tree");
        Directory.CreateDirectory(Path.Combine(root, "classified-" + Secret));
        for (int i = 0; i < 20; i++)
        {
            File.WriteAllText(Path.Combine(root, "classified-" + Secret, $"note{i}.txt"), string.Concat(Enumerable.Repeat($"the {Secret} line {i}\n", 50)));
        }
        return root;
    }

    [Fact]
    public void No_object_of_an_encrypted_repository_holds_contents_names_or_index_text_in_the_clear()
    {
        string root = MakeTree();
        using (var repository = Repository.Init(Repo, WithPassword("correct horse"), encrypt: true))
        {
            repository.CreateSnapshot(root, new SnapshotOptions { Tag = "tag-" + Secret });
            repository.CreateSnapshot(root);
        }
        byte[] needle = Encoding.UTF8.GetBytes(Secret);
        foreach (string file in Directory.EnumerateFiles(Repo, "*", SearchOption.AllDirectories))
        {
            Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf(needle) < 0, $"{file} holds the secret in the clear");
        }
        using var reopened = Repository.Open(Repo, WithPassword("correct horse"));
        Assert.True(reopened.IsEncrypted);
        using var view = reopened.OpenSnapshot("tag-" + Secret);
        int matches = 0;
        view.Search(needle, long.MaxValue, (_, _, _) => matches++);
        Assert.Equal(20 * 50, matches);
        var note = view.GetEntry($"classified-{Secret}/note3.txt");
        var copy = new MemoryStream();
        view.CopyFile(note, 0, long.MaxValue, copy);
        Assert.Equal(File.ReadAllBytes(Path.Combine(root, note.Path)), copy.ToArray());
        view.Check(readData: true);
    }

    [Fact]
    public void A_wrong_password_is_refused_before_anything_but_the_config_is_read()
    {
        using (var repository = Repository.Init(Repo, WithPassword("right"), encrypt: true))
        {
            repository.CreateSnapshot(MakeTree());
        }
        var store = new CountingStore(new FileSystemObjectStore(Repo));
        var e = Assert.Throws<WrongPasswordException>(() => Repository.Open(store, Repo, () => "wrong"));
        Assert.Contains("Wrong password", e.Message, StringComparison.Ordinal);
        Assert.Equal(["config"], store.Keys);
    }

    [Fact]
    public void Opening_an_encrypted_repository_without_a_password_says_how_to_give_one()
    {
        Repository.Init(Repo, WithPassword("pw"), encrypt: true).Dispose();
        var e = Assert.Throws<LodeException>(() => Repository.Open(Repo));
        Assert.Contains("LODE_PASSWORD", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Records the keys read through it.</summary>
    private sealed class CountingStore(IObjectStore inner) : IObjectStore
    {
        public List<string> Keys { get; } = [];

        public Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken = default) { Keys.Add(key); return inner.HeadAsync(key, cancellationToken); }
        public Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default) { Keys.Add(key); return inner.GetAsync(key, cancellationToken); }
        public Task<byte[]> GetRangeAsync(string key, long offset, int length, CancellationToken cancellationToken = default) { Keys.Add(key); return inner.GetRangeAsync(key, offset, length, cancellationToken); }
        public Task<Lode.IO.IByteSource> OpenReadAsync(string key, CancellationToken cancellationToken = default) { Keys.Add(key); return inner.OpenReadAsync(key, cancellationToken); }
        public Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default) => inner.PutAsync(key, content, cancellationToken);
        public Task<bool> PutIfAbsentAsync(string key, Stream content, CancellationToken cancellationToken = default) => inner.PutIfAbsentAsync(key, content, cancellationToken);
        public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);
        public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);
        public void Dispose() => inner.Dispose();
    }
}
