using RichardSzalay.MockHttp;

namespace Marketo.Extract.Tests.Client;

public class MarketoClientThrottleTests : MarketoClientTestBase
{
    private const string TypesPath = "/rest/v1/activities/types.json";

    [Test]
    public async Task CallBeyondWindowLimit_WaitsUntilTheOldestCallLeavesTheWindow()
    {
        Harness.When(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Read("activity-types.json"));
        var client = Harness.CreateClient();
        for (var i = 0; i < 80; i++)
        {
            await client.GetActivityTypesAsync();
        }

        var call81 = client.GetActivityTypesAsync();
        await Task.Delay(50);
        var sentBeforeWindowPassed = Harness.ApiRequests.Count;
        Harness.Time.Advance(TimeSpan.FromSeconds(19));
        await Task.Delay(20);
        var completedBeforeWindowPassed = call81.IsCompleted;
        Harness.Time.Advance(TimeSpan.FromSeconds(1));
        await call81;

        Assert.That(sentBeforeWindowPassed, Is.EqualTo(80));
        Assert.That(completedBeforeWindowPassed, Is.False);
        Assert.That(Harness.ApiRequests[80].SentAt, Is.EqualTo(MarketoClientHarness.Start.AddSeconds(20)));
    }

    [Test]
    public async Task ConcurrentCalls_AtMostFiveInFlight()
    {
        var inFlight = 0;
        var maxInFlight = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Harness.When(HttpMethod.Get, TypesPath).Respond(async () =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            await release.Task;
            Interlocked.Decrement(ref inFlight);
            return Fixtures.Json(Fixtures.Read("activity-types.json"));
        });
        var client = Harness.CreateClient();

        var calls = Enumerable.Range(0, 12).Select(_ => client.GetActivityTypesAsync()).ToArray();
        await WaitUntilAsync(() => Volatile.Read(ref inFlight) == 5);
        await Task.Delay(30);
        var sentWhileBlocked = Harness.ApiRequests.Count;
        release.SetResult();
        await Task.WhenAll(calls);

        Assert.That(sentWhileBlocked, Is.EqualTo(5));
        Assert.That(maxInFlight, Is.EqualTo(5));
        Assert.That(client.Statistics.ApiCalls, Is.EqualTo(12));
    }

    [Test]
    public async Task DailyCallBudget_Exhausted_ThrowsBeforeSending_AndResetsAtChicagoMidnight()
    {
        Harness.When(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Read("activity-types.json"));
        var client = Harness.CreateClient(options => options.DailyCallBudget = 3);
        for (var i = 0; i < 3; i++)
        {
            await client.GetActivityTypesAsync();
        }

        var exception = Assert.ThrowsAsync<MarketoQuotaExceededException>(() => client.GetActivityTypesAsync());
        Harness.Time.SetUtcNow(new DateTimeOffset(2024, 7, 11, 5, 0, 0, TimeSpan.Zero));
        await client.GetActivityTypesAsync();

        Assert.That(exception.Quota, Is.EqualTo(MarketoQuotaKind.ClientCallBudget));
        Assert.That(exception.ResetsAt, Is.EqualTo(new DateTimeOffset(2024, 7, 11, 5, 0, 0, TimeSpan.Zero)));
        Assert.That(exception.Message, Does.Contain("DailyCallBudget"));
        Assert.That(Harness.ApiRequests, Has.Count.EqualTo(4));
        Assert.That(Harness.Logger.Entries.Any(entry => entry.EventId.Name == "QuotaExceeded"), Is.True);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        Assert.That(condition(), Is.True, "The condition did not become true within 2.5 s.");
    }
}
