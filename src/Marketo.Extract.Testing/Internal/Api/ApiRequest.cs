using Microsoft.AspNetCore.Http;

namespace Marketo.Extract.Testing.Internal.Api;

/// <summary>A parsed request: effective method, endpoint template, merged query and form parameters, and body.</summary>
internal sealed class ApiRequest
{
    public required HttpContext Http { get; init; }

    /// <summary>Gets the method after a <c>POST ?_method=GET</c> override, with HEAD read as GET.</summary>
    public required string Method { get; init; }

    public required string Path { get; init; }

    public required Route Route { get; init; }

    /// <summary>Gets the query parameters, plus the form body's when the body is form-encoded; a query value wins.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    public required byte[] Body { get; init; }

    public required DateTimeOffset Now { get; set; }

    public required string RequestId { get; init; }

    public EmulatorClientCredentials? Client { get; set; }

    /// <summary>Gets or sets the admission that counts this call against the rate limit and the daily quota, once admitted.</summary>
    public CallTicket? Ticket { get; set; }

    public string Endpoint => Route.Endpoint;

    public string? Parameter(string name) => Parameters.TryGetValue(name, out string? value) ? value : null;
}
