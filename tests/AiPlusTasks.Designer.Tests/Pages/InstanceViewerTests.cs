using System.Reflection;
using AiPlusTasks.Designer.Pages;
using AiPlusTasks.Engine.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace AiPlusTasks.Designer.Tests.Pages;

public sealed class InstanceViewerTests
{
    [Fact]
    public void InstanceViewer_Declared_IsRoutedUnderDesignerForNdrcPlannersOnly()
    {
        var type = typeof(InstanceViewer);

        var route = Assert.Single(type.GetCustomAttributes<RouteAttribute>());
        var authorize = Assert.Single(type.GetCustomAttributes<AuthorizeAttribute>());

        Assert.Equal("/designer/instances/{InstanceId}", route.Template);
        Assert.Equal(AccessPolicies.NdrcPlanner, authorize.Policy);
        Assert.Null(authorize.Roles);
    }
}
