"""The alerts worker: evaluate rules on completed images, deliver notifications, run the scheduler."""
