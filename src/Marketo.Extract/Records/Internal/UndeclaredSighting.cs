namespace Marketo.Extract.Records.Internal;

/// <summary>What <see cref="DecodeStatistics"/> did with a sighting of an undeclared activity attribute.</summary>
internal enum UndeclaredSighting
{
    /// <summary>The name was counted before, or the list is full and a name was already left out.</summary>
    Again,

    /// <summary>The name was listed for the first time.</summary>
    Listed,

    /// <summary>The list was full, and this is the first name left out of it.</summary>
    FirstUnlisted,
}
