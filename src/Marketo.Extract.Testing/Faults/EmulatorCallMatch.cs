namespace Marketo.Extract.Testing;

/// <summary>Selects the calls a fault applies to.</summary>
public sealed record EmulatorCallMatch
{
    /// <summary>Gets a match for every call except identity calls.</summary>
    public static EmulatorCallMatch AnyApiCall { get; } = new();

    /// <summary>Gets the endpoint template (one of <see cref="EmulatorEndpoints"/>) the call must target, or <see langword="null"/> for any endpoint but identity.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Gets a further condition on the call, or <see langword="null"/> for none. It runs under the fault lock, so keep it quick.</summary>
    public Func<EmulatorCall, bool>? Predicate { get; init; }

    /// <summary>Gets the number of matching calls served normally before the fault starts, so <c>2</c> hits the third matching call.</summary>
    /// <value>The default is 0.</value>
    public int AfterMatches { get; init; }

    /// <summary>Creates a match for the calls to one endpoint.</summary>
    /// <param name="endpoint">The endpoint template, one of <see cref="EmulatorEndpoints"/>.</param>
    /// <param name="afterMatches">The number of matching calls served normally first.</param>
    /// <returns>The match.</returns>
    public static EmulatorCallMatch ForEndpoint(string endpoint, int afterMatches = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ArgumentOutOfRangeException.ThrowIfNegative(afterMatches);
        return new EmulatorCallMatch { Endpoint = endpoint, AfterMatches = afterMatches };
    }

    internal bool Matches(EmulatorCall call)
    {
        bool endpointMatches = Endpoint is null
            ? call.Endpoint != EmulatorEndpoints.Identity
            : string.Equals(Endpoint, call.Endpoint, StringComparison.Ordinal);
        return endpointMatches && (Predicate is null || Predicate(call));
    }
}
