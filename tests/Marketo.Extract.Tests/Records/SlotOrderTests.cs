using Marketo.Extract.Records.Internal;

namespace Marketo.Extract.Tests.Records;

public class SlotOrderTests
{
    [Test]
    public void Predicted_NewOrder_StartsWithDeclaredOrder()
    {
        var order = new SlotOrder(3);

        order.StartRow();

        Assert.That(order.Predicted, Is.Zero);
    }

    [Test]
    public void Predicted_AfterARow_FollowsThatRowsOrder()
    {
        var order = new SlotOrder(3);
        order.StartRow();
        foreach (var slot in new[] { 2, 0, 1 })
        {
            order.Matched(slot);
        }

        var predicted = new List<int>();
        order.StartRow();
        for (var i = 0; i < 3; i++)
        {
            predicted.Add(order.Predicted);
            order.Matched(order.Predicted);
        }

        Assert.That(predicted, Is.EqualTo(new[] { 2, 0, 1 }));
    }

    [Test]
    public void Candidate_EveryStep_VisitsEachSlotOnce()
    {
        var order = new SlotOrder(4);
        order.StartRow();
        order.Matched(2);

        var candidates = Enumerable.Range(0, 4).Select(order.Candidate);

        Assert.That(candidates, Is.EquivalentTo(new[] { 0, 1, 2, 3 }));
    }
}
