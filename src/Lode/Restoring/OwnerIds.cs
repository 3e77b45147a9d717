using Lode.IO;

namespace Lode;

/// <summary>
/// The ids a recorded owner maps to on this system, as tar does without <c>--numeric-owner</c>: the id of the
/// recorded name where this system knows the name, the recorded id otherwise. Each name is looked up once. Not thread-safe.
/// </summary>
internal sealed class OwnerIds
{
    private readonly Dictionary<string, uint?> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, uint?> _groups = new(StringComparer.Ordinal);

    public (uint User, uint Group) Of(FileOwner owner) =>
        (Find(_users, owner.UserName, Accounts.UserId) ?? owner.UserId, Find(_groups, owner.GroupName, Accounts.GroupId) ?? owner.GroupId);

    private static uint? Find(Dictionary<string, uint?> known, string? name, Func<string, uint?> lookup)
    {
        if (name is null)
        {
            return null;
        }
        if (!known.TryGetValue(name, out var id))
        {
            id = lookup(name);
            known.Add(name, id);
        }
        return id;
    }
}
