# rospy peer: publishes sensor_msgs/JointState with position[0] counting up, at 20 Hz.
# usage: joint_state_talker.py NODE_NAME TOPIC [LATCH_ONCE]
import sys
import rospy
from sensor_msgs.msg import JointState

rospy.init_node(sys.argv[1], anonymous=False, disable_signals=False)
latch_once = len(sys.argv) > 3 and sys.argv[3] == "latch"
pub = rospy.Publisher(sys.argv[2], JointState, queue_size=10, latch=latch_once)
if latch_once:
    m = JointState(name=["latched"], position=[42.0])
    m.header.stamp = rospy.Time.now()
    pub.publish(m)
    print("published latched", flush=True)
    rospy.spin()
    sys.exit(0)
rate = rospy.Rate(20)
i = 0
print("talking", flush=True)
while not rospy.is_shutdown():
    m = JointState(name=["a", "b"], position=[float(i), -float(i)], velocity=[0.5, 0.25])
    m.header.stamp = rospy.Time.now()
    m.header.frame_id = sys.argv[1]
    pub.publish(m)
    i += 1
    try:
        rate.sleep()
    except rospy.ROSInterruptException:
        break
