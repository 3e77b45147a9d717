namespace Lode.Metadata;

/// <summary>What one entry of a <see cref="MetadataBatch"/> does.</summary>
internal enum BatchOperationKind
{
    /// <summary>Store a value.</summary>
    Put,

    /// <summary>Remove a key (nothing happens when it is absent).</summary>
    Delete,

    /// <summary>Guard: the key exists with exactly this version.</summary>
    RequireVersion,

    /// <summary>Guard: the key does not exist.</summary>
    RequireAbsent,

    /// <summary>Guard: no key starts with this prefix.</summary>
    RequirePrefixEmpty,
}

/// <summary>One entry of a <see cref="MetadataBatch"/>: a write or a guard. Arrays are the batch's own copies.</summary>
internal readonly record struct BatchOperation(BatchOperationKind Kind, byte[] Key, byte[] Value, long Version)
{
    /// <summary>True for puts and deletes, false for guards.</summary>
    public bool IsWrite => Kind is BatchOperationKind.Put or BatchOperationKind.Delete;
}
