# rospy peer: calls std_srvs/SetBool over one persistent connection: true, true, false.
# Prints "ok SUCCESS MESSAGE" per answer, or "error TEXT" when the server reports an error.
# usage: set_bool_client.py NODE_NAME SERVICE
import sys
import rospy
from std_srvs.srv import SetBool

rospy.init_node(sys.argv[1])
rospy.wait_for_service(sys.argv[2], timeout=60)
proxy = rospy.ServiceProxy(sys.argv[2], SetBool, persistent=True)
for value in (True, True, False):
    try:
        r = proxy(value)
        print("ok %s %s" % (r.success, r.message), flush=True)
    except rospy.ServiceException as e:
        print("error %s" % e, flush=True)
proxy.close()
print("done", flush=True)
