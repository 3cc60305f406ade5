namespace Marketo.Extract.Testing.Internal;

/// <summary>What the injected faults do to one call: nothing, or any mix of a delay, a failure and a cut-off.</summary>
internal sealed record FaultDecision
{
    public static FaultDecision None { get; } = new();

    public TimeSpan Delay { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public int? HttpStatusCode { get; init; }

    public long? DropAfterBytes { get; init; }

    public bool IsNone => this == None;
}
