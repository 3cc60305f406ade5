using Marketo.Extract.Reliability.Tests.Harness;
using Marketo.Extract.Streams;
using Marketo.Extract.Testing;

namespace Marketo.Extract.Reliability.Tests.Secrets;

/// <summary>
/// Runs a full sync through faults with a canary client secret and checks that neither the secret nor any access
/// token the emulator issued shows up anywhere but the identity POST body and the Authorization header.
/// </summary>
[Parallelizable(ParallelScope.Children)]
[CancelAfter(60_000)]
public class SecretLeakTests
{
    private const string CanarySecret = "canary-secret-5b1e9d0c7a2f";

    [Test]
    public async Task SyncThroughFaults_SecretAndTokensNeverLeak()
    {
        SecretInspectingHandler? inspector = null;
        await using var harness = ReliabilityHarness.Create(
            configureEmulator: options => options.ClientSecret = CanarySecret,
            wrapHandler: inner => inspector = new SecretInspectingHandler(CanarySecret) { InnerHandler = inner });
        var folder = Directory.CreateTempSubdirectory("marketo-secrets-");
        try
        {
            using var fileStore = new JsonFileCursorStore(Path.Combine(folder.FullName, "state.json"));
            InjectFaults(harness.Emulator.Faults);

            var outcome = await harness.SyncAsync(store: fileStore);
            await CollectFailuresAsync(harness);

            var tokens = inspector!.Tokens;
            var secrets = tokens.Append(CanarySecret).ToList();
            var output = string.Join('\n', outcome.Records.Select(record => record.ToString()));
            Assert.That(outcome.Error, Is.Null, () => outcome.Error!.ToString());
            var stateFile = await File.ReadAllTextAsync(fileStore.FilePath);
            Assert.That(tokens, Has.Count.GreaterThanOrEqualTo(2), "the token never changed during the sync");
            Assert.That(inspector.Violations, Is.Empty);
            Assert.That(harness.Logs.Entries, Has.Count.GreaterThan(100));
            Assert.That(harness.Exceptions, Has.Count.GreaterThanOrEqualTo(3));
            AssertContainsNone("a log entry", harness.Logs.Texts, secrets);
            AssertContainsNone("an exception", harness.Exceptions.Select(ex => ex.ToString()), secrets);
            AssertContainsNone("options", [harness.ClientOptions.ToString()], secrets);
            AssertContainsNone("the state file", [stateFile], secrets);
            AssertContainsNone("the output", [output], secrets);
            if (!OperatingSystem.IsWindows())
            {
                Assert.That(File.GetUnixFileMode(fileStore.FilePath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestCase("http://127.0.0.1:8080", false, true)]
    [TestCase("http://localhost", false, true)]
    [TestCase("http://[::1]:5000", false, true)]
    [TestCase("http://123-abc-456.mktorest.com", false, false)]
    [TestCase("http://10.0.0.5", false, false)]
    [TestCase("http://127.0.0.1.example.com", false, false)]
    [TestCase("http://123-abc-456.mktorest.com", true, true)]
    public void PlainHttp_AcceptedOnlyForLoopbackOrWhenAllowed(string address, bool allowInsecure, bool accepted)
    {
        var options = new MarketoClientOptions
        {
            BaseAddress = new Uri(address),
            ClientId = "id",
            ClientSecret = CanarySecret,
            AllowInsecureHttp = allowInsecure,
        };

        TestDelegate create = () => new MarketoClient(options).Dispose();

        if (accepted)
        {
            Assert.That(create, Throws.Nothing);
        }
        else
        {
            Assert.That(create, Throws.ArgumentException.With.Message.Contain("AllowInsecureHttp").And.Message.Not.Contain(CanarySecret));
        }
    }

    private static void InjectFaults(EmulatorFaults faults)
    {
        faults.ExpireTokensAfter(25);
        faults.ReturnError("606", times: 3);
        faults.ReturnHttpStatus(503, EmulatorCallMatch.ForEndpoint(EmulatorEndpoints.LeadExportFile));
        faults.DropConnection(100, EmulatorCallMatch.ForEndpoint(EmulatorEndpoints.ActivityExportFile));
    }

    /// <summary>Makes a few calls fail for good, so the exceptions' full text can be searched too.</summary>
    private static async Task CollectFailuresAsync(ReliabilityHarness harness)
    {
        harness.Emulator.Faults.ReturnError("603", EmulatorCallMatch.ForEndpoint(EmulatorEndpoints.Campaigns));
        harness.Emulator.Faults.ReturnHttpStatus(500, EmulatorCallMatch.ForEndpoint(EmulatorEndpoints.ActivityTypes), int.MaxValue);
        harness.Emulator.Faults.ReturnError("601", EmulatorCallMatch.ForEndpoint(EmulatorEndpoints.StaticLists), int.MaxValue);
        foreach (var call in new Func<Task>[]
        {
            async () => await harness.Client.GetCampaignsAsync().ToListAsync(),
            () => harness.Client.GetActivityTypesAsync(),
            async () => await harness.Client.GetStaticListsAsync().ToListAsync(),
        })
        {
            try
            {
                await call();
            }
            catch (MarketoException ex)
            {
                harness.Exceptions.Add(ex);
            }
        }
    }

    private static void AssertContainsNone(string where, IEnumerable<string> texts, IReadOnlyList<string> secrets)
    {
        var leaks = texts
            .SelectMany(text => secrets.Where(secret => text.Contains(secret, StringComparison.Ordinal)).Select(_ => text))
            .Take(3)
            .ToList();
        Assert.That(leaks, Is.Empty, $"a secret appears in {where}");
    }
}
