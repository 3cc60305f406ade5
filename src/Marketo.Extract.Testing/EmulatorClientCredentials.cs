namespace Marketo.Extract.Testing;

/// <summary>The credentials of one LaunchPoint custom service of the emulated instance, and the API user that owns it.</summary>
/// <param name="ClientId">The client id.</param>
/// <param name="ClientSecret">The client secret.</param>
/// <param name="ApiUser">The API-only user (an email address) returned as the token's <c>scope</c>; export jobs belong to it.</param>
public sealed record EmulatorClientCredentials(string ClientId, string ClientSecret, string ApiUser)
{
    /// <summary>Returns the client id and API user, never the secret.</summary>
    /// <returns>A text that is safe to log.</returns>
    public override string ToString() => $"{ClientId} ({ApiUser})";
}
