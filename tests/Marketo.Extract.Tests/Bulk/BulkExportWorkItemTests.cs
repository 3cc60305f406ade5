using Marketo.Extract.Bulk;
using Marketo.Extract.Models;

namespace Marketo.Extract.Tests.Bulk;

public class BulkExportWorkItemTests
{
    private static readonly DateTimeRange January = new(
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero));

    [Test]
    public void ForActivities_TenTypes_IsAccepted()
    {
        var request = new ActivityExportRequest { CreatedAt = January, ActivityTypeIds = [.. Enumerable.Range(1, 10)] };

        var item = BulkExportWorkItem.ForActivities("activities-1", request);

        Assert.That(item.Kind, Is.EqualTo(BulkExportObject.Activities));
        Assert.That(item.ActivityRequest, Is.SameAs(request));
        Assert.That(item.LeadRequest, Is.Null);
    }

    [Test]
    public void ForActivities_AllTypes_IsAccepted()
    {
        var request = new ActivityExportRequest { CreatedAt = January };

        var item = BulkExportWorkItem.ForActivities("activities-1", request);

        Assert.That(item.ActivityRequest!.ActivityTypeIds, Is.Null);
    }

    [Test]
    public void ForActivities_ElevenTypes_ThrowsWithSplitAdvice()
    {
        var request = new ActivityExportRequest { CreatedAt = January, ActivityTypeIds = [.. Enumerable.Range(1, 11)] };

        var error = Assert.Throws<ArgumentException>(() => BulkExportWorkItem.ForActivities("activities-1", request));

        Assert.That(error.ParamName, Is.EqualTo("request"));
        Assert.That(error.Message, Does.Contain("11 activity types").And.Contain("at most 10").And.Contain("groups of 10"));
    }

    [Test]
    public void ForActivities_DeleteLead_Throws()
    {
        var request = new ActivityExportRequest { CreatedAt = January, ActivityTypeIds = [1, 37] };

        var error = Assert.Throws<ArgumentException>(() => BulkExportWorkItem.ForActivities("activities-1", request));

        Assert.That(error.Message, Does.Contain("37 (Delete Lead)").And.Contain("GetDeletedLeadsAsync"));
    }

    [Test]
    public void ForActivities_EmptyTypeList_Throws()
    {
        var request = new ActivityExportRequest { CreatedAt = January, ActivityTypeIds = [] };

        var error = Assert.Throws<ArgumentException>(() => BulkExportWorkItem.ForActivities("activities-1", request));

        Assert.That(error.Message, Does.Contain("empty").And.Contain("null"));
    }

    [Test]
    public void StartAsync_DeleteLead_ThrowsBeforeCalls()
    {
        var request = new ActivityExportRequest { CreatedAt = January, ActivityTypeIds = [37] };

        Assert.Throws<ArgumentException>(() => BulkExportJob.StartAsync(null!, request));
    }

    [TestCase("")]
    [TestCase(null)]
    public void ForLeads_MissingKey_Throws(string? key)
    {
        var request = new LeadExportRequest { Fields = ["id"], CreatedAt = January };

        Assert.That(() => BulkExportWorkItem.ForLeads(key!, request), Throws.InstanceOf<ArgumentException>());
    }

    [Test]
    public void ForLeads_BlankSavedExportId_Throws()
    {
        var request = new LeadExportRequest { Fields = ["id"], CreatedAt = January };

        Assert.Throws<ArgumentException>(() => BulkExportWorkItem.ForLeads("leads-1", request, " "));
    }

    [Test]
    public void ForLeads_SavedExportId_IsKept()
    {
        var request = new LeadExportRequest { Fields = ["id"], CreatedAt = January };

        var item = BulkExportWorkItem.ForLeads("leads-1", request, "saved-id");

        Assert.That(item.SavedExportId, Is.EqualTo("saved-id"));
        Assert.That(item.Kind, Is.EqualTo(BulkExportObject.Leads));
    }
}
