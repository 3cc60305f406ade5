namespace Marketo.Extract.Tests.Client;

/// <summary>
/// Gives each test a new <see cref="MarketoClientHarness"/> and disposes it after the test. Unless a class passes
/// <see langword="false"/> to set up the identity service itself, the harness hands out
/// <see cref="MarketoClientHarness.Token"/> to every token request.
/// </summary>
public abstract class MarketoClientTestBase
{
    private readonly bool _respondWithToken;

    protected MarketoClientTestBase(bool respondWithToken = true) => _respondWithToken = respondWithToken;

    private protected MarketoClientHarness Harness { get; private set; } = null!;

    [SetUp]
    public void CreateHarness()
    {
        Harness = new MarketoClientHarness();
        if (_respondWithToken)
        {
            Harness.RespondWithToken();
        }
    }

    [TearDown]
    public void DisposeHarness() => Harness.Dispose();
}
