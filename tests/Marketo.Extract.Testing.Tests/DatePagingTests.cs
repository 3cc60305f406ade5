using Marketo.Extract.Testing.Internal.Api;

namespace Marketo.Extract.Testing.Tests;

public sealed class DatePagingTests
{
    [Test]
    public void Read_LongRunWithoutMatch_StopsAtScanLimit()
    {
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var activities = Enumerable.Range(1, (DatePaging.MaxScannedPerPage * 2) + 10)
            .Select(i => Activity(i, start.AddSeconds(i), typeId: i == (DatePaging.MaxScannedPerPage * 2) + 5 ? 2 : 1))
            .ToList();
        var pages = new List<(int Count, bool More)>();
        var since = start;
        long afterId = -1;

        for (int call = 0; call < 5; call++)
        {
            var (page, more, token) = DatePaging.Read(activities, a => a.ActivityTypeId == 2, since, afterId, 300);
            pages.Add((page.Count, more));
            Assert.That(DatePaging.TryDecode(token, out since, out afterId), Is.True);
            if (!more)
            {
                break;
            }
        }

        Assert.That(pages, Is.EqualTo(new[] { (0, true), (0, true), (1, false) }));
    }

    private static EmulatedActivity Activity(long id, DateTimeOffset date, int typeId) => new()
    {
        MarketoGuid = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Id = id,
        LeadId = 1,
        ActivityDate = date,
        ActivityTypeId = typeId,
        Attributes = [],
    };
}
