namespace Marketo.Extract.Testing;

/// <summary>A call the emulator is about to serve, as fault predicates see it.</summary>
public sealed record EmulatorCall
{
    /// <summary>Gets the HTTP method, after a <c>_method=GET</c> override.</summary>
    public required string Method { get; init; }

    /// <summary>Gets the request path.</summary>
    public required string Path { get; init; }

    /// <summary>Gets the endpoint's path template, one of <see cref="EmulatorEndpoints"/>.</summary>
    public required string Endpoint { get; init; }

    /// <summary>Gets the client id of the caller, or <see langword="null"/> for identity calls.</summary>
    public string? ClientId { get; init; }

    /// <summary>Gets the 1-based number of this call among the calls to the same endpoint since the emulator started or faults were cleared.</summary>
    public required long CallNumber { get; init; }
}
