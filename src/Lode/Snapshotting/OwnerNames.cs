using Lode.IO;

namespace Lode;

/// <summary>The <see cref="FileOwner"/> of each (user id, group id) pair a snapshot meets, with the names this
/// system gives them, looked up once per pair. Not thread-safe.</summary>
internal sealed class OwnerNames
{
    private readonly Dictionary<(uint User, uint Group), FileOwner> _owners = [];

    /// <summary>The owner <paramref name="status"/> names.</summary>
    public FileOwner Of(FileStatus status)
    {
        var key = (status.UserId, status.GroupId);
        if (!_owners.TryGetValue(key, out var owner))
        {
            owner = new FileOwner(status.UserId, status.GroupId, Accounts.UserName(status.UserId), Accounts.GroupName(status.GroupId));
            _owners.Add(key, owner);
        }
        return owner;
    }
}
