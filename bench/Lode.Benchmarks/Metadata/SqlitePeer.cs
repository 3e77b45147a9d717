using Microsoft.Data.Sqlite;

namespace Lode.Benchmarks.Metadata;

/// <summary>
/// SQLite as a benchmark engine: WAL journal mode, one <c>WITHOUT ROWID</c> table keyed by the key bytes,
/// synchronous FULL (durable) or NORMAL, a 1 GiB page cache per connection (the data set stays in memory, as Lode's
/// does), prepared statements, one connection per thread. Writes take a process-wide
/// lock first: SQLite admits one writer at a time, and without the lock waiting connections back off in the busy
/// handler's sleeps (up to 100 ms each), which would measure the back-off rather than SQLite.
/// </summary>
public sealed class SqlitePeer : IMetadataPeer
{
    private readonly string _connectionString;
    private readonly bool _durable;
    private readonly ThreadLocal<Session> _sessions;
    private readonly Lock _writer = new();

    public SqlitePeer(string directory, bool durable)
    {
        SQLitePCL.Batteries_V2.Init();
        _durable = durable;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "kv.sqlite"), Pooling = false }.ToString();
        _sessions = new ThreadLocal<Session>(() => new Session(_connectionString, _durable), trackAllValues: true);
    }

    private Session Current => _sessions.Value!;

    public void Load(IReadOnlyList<byte[]> keys, byte[] value)
    {
        using var writing = _writer.EnterScope();
        Session session = Current;
        using var transaction = session.Connection.BeginTransaction();
        session.Put.Transaction = transaction;
        foreach (byte[] key in keys)
        {
            session.Execute(session.Put, key, value);
        }
        transaction.Commit();
        session.Put.Transaction = null;
    }

    public void Put(byte[] key, byte[] value)
    {
        using var writing = _writer.EnterScope();
        Current.Execute(Current.Put, key, value);
    }

    public int Get(byte[] key)
    {
        Session session = Current;
        session.Get.Parameters[0].Value = key;
        using var reader = session.Get.ExecuteReader();
        return reader.Read() ? (int)reader.GetBytes(0, 0, null, 0, 0) : -1;
    }

    public void Delete(byte[] key)
    {
        using var writing = _writer.EnterScope();
        Current.Execute(Current.Delete, key, null);
    }

    public void Rename(byte[] from, byte[] to)
    {
        using var writing = _writer.EnterScope();
        Session session = Current;
        using var transaction = session.Connection.BeginTransaction();
        session.Rename.Transaction = transaction;
        session.Execute(session.Rename, to, from);
        session.Rename.Transaction = null;
        transaction.Commit();
    }

    public int List(byte[] prefix, int take)
    {
        Session session = Current;
        session.Range.Parameters[0].Value = prefix;
        session.Range.Parameters[1].Value = MetadataPeers.Successor(prefix);
        session.Range.Parameters[2].Value = take;
        using var reader = session.Range.ExecuteReader();
        int n = 0;
        while (reader.Read())
        {
            n += reader.GetBytes(1, 0, null, 0, 0) >= 0 ? 1 : 0;
        }
        return n;
    }

    /// <summary>One indexed seek per entry: the next key at or after the cursor; a key with '/' after the prefix becomes a common prefix and the cursor jumps past it.</summary>
    public int ListDirectory(byte[] prefix, int take)
    {
        Session session = Current;
        byte[] from = prefix;
        byte[] end = MetadataPeers.Successor(prefix);
        int n = 0;
        while (n < take)
        {
            session.Range.Parameters[0].Value = from;
            session.Range.Parameters[1].Value = end;
            session.Range.Parameters[2].Value = 1;
            using var reader = session.Range.ExecuteReader();
            if (!reader.Read())
            {
                break;
            }
            byte[] key = (byte[])reader.GetValue(0);
            int slash = Array.IndexOf(key, (byte)'/', prefix.Length);
            from = slash < 0 ? [.. key, 0] : MetadataPeers.Successor(key.AsSpan(0, slash + 1));
            n++;
        }
        return n;
    }

    public void Dispose()
    {
        foreach (Session session in _sessions.Values)
        {
            session.Dispose();
        }
        _sessions.Dispose();
    }

    /// <summary>A connection and its prepared statements (one per thread).</summary>
    private sealed class Session : IDisposable
    {
        public Session(string connectionString, bool durable)
        {
            Connection = new SqliteConnection(connectionString);
            Connection.Open();
            using (var pragma = Connection.CreateCommand())
            {
                pragma.CommandText = $"PRAGMA busy_timeout=60000; PRAGMA journal_mode=WAL; PRAGMA synchronous={(durable ? "FULL" : "NORMAL")}; PRAGMA cache_size=-1048576; "
                    + "CREATE TABLE IF NOT EXISTS kv (k BLOB PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID;";
                pragma.ExecuteNonQuery();
            }
            Put = Prepare("INSERT OR REPLACE INTO kv (k, v) VALUES ($a, $b)", 2);
            Get = Prepare("SELECT v FROM kv WHERE k = $a", 1);
            Delete = Prepare("DELETE FROM kv WHERE k = $a", 1);
            Rename = Prepare("UPDATE OR REPLACE kv SET k = $a WHERE k = $b", 2);
            Range = Prepare("SELECT k, v FROM kv WHERE k >= $a AND k < $b ORDER BY k LIMIT $c", 3);
        }

        public SqliteConnection Connection { get; }

        public SqliteCommand Put { get; }

        public SqliteCommand Get { get; }

        public SqliteCommand Delete { get; }

        public SqliteCommand Rename { get; }

        public SqliteCommand Range { get; }

        public void Execute(SqliteCommand command, byte[] a, byte[]? b)
        {
            command.Parameters[0].Value = a;
            if (b is not null)
            {
                command.Parameters[1].Value = b;
            }
            command.ExecuteNonQuery();
        }

        private SqliteCommand Prepare(string sql, int parameters)
        {
            SqliteCommand command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (string name in new[] { "$a", "$b", "$c" }.Take(parameters))
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }
            command.Prepare();
            return command;
        }

        public void Dispose()
        {
            foreach (SqliteCommand command in new[] { Put, Get, Delete, Rename, Range })
            {
                command.Dispose();
            }
            Connection.Dispose();
        }
    }
}
