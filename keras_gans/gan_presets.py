"""Zoo presets of the loss-family GANs (the variants ``keras_gans.build`` makes from
:mod:`keras_gans.variants`): every variant on MNIST, five on CelebA and CIFAR-10, and the
five of the mode benchmark on the 2-D mixtures ``ring8`` and ``grid25``.

One literal dict per preset; :mod:`keras_gans.zoo.presets` says what each key means.
"""

PRESETS = {
    "dcgan_mnist": {
        "variant": "dcgan",
        "dataset": "mnist",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
        },
        "paper": "Radford et al. 2016, Unsupervised Representation Learning with DCGANs",
        "build": {},
        "recipe": {
            "epochs": 5,
            "batch_size": 64,
            "seed": 0,
            "command": (
                "python zoo/recipes/train_preset.py dcgan_mnist --mnist_dir path/to/mnist"
            ),
        },
        "notes": (
            "5 epochs: those of its benchmark run (benchmarks/results/mnist_dcgan), whose "
            "weights it ships."
        ),
        "weights": {
            "file": "dcgan_mnist.weights.h5",
            "sha256": "2d7db69e83a609d944da64bb25edf386d74fadb75b3459db44bf49d22dbfd693",
            "version": 2,
            "bytes": 1151984,
        },
        "record": "dcgan_mnist.json",
    },
    "diff_gan_mnist": {
        "variant": "diff_gan",
        "dataset": "mnist",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
        },
        "paper": (
            "keras_gans' own Diff-GAN (unpublished); Gulrajani et al. 2017 for the "
            "interpolation penalty"
        ),
        "build": {},
        "recipe": {
            "epochs": 2,
            "batch_size": 64,
            "seed": 0,
            "command": (
                "python zoo/recipes/train_preset.py diff_gan_mnist --mnist_dir path/to/mnist"
            ),
        },
        "weights": {
            "file": "diff_gan_mnist.weights.h5",
            "sha256": "526788c90e7e0a43e2c5862ef21eb9cd85da21dddeebe81b386d1e636d4f0e61",
            "version": 2,
            "bytes": 1151984,
        },
        "record": "diff_gan_mnist.json",
    },
    "dragan_mnist": {
        "variant": "dragan",
        "dataset": "mnist",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
        },
        "paper": "Kodali et al. 2017, On Convergence and Stability of GANs",
        "build": {},
        "recipe": {
            "epochs": 2,
            "batch_size": 64,
            "seed": 0,
            "command": (
                "python zoo/recipes/train_preset.py dragan_mnist --mnist_dir path/to/mnist"
            ),
        },
        "weights": {
            "file": "dragan_mnist.weights.h5",
            "sha256": "654700d3c4fb6c97dae587661472c6ef025d25c8f3a193eb12667e59a7f5b466",
            "version": 2,
            "bytes": 1151984,
        },
        "record": "dragan_mnist.json",
    },
    "ebgan_mnist": {
        "variant": "ebgan",
        "dataset": "mnist",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
        },
        "paper": "Zhao et al. 2017, Energy-based Generative Adversarial Network",
        "build": {},
        "recipe": {
            "epochs": 2,
            "batch_size": 64,
            "seed": 0,
            "command": (
                "python zoo/recipes/train_preset.py ebgan_mnist --mnist_dir path/to/mnist"
            ),
        },
        "weights": {
            "file": "ebgan_mnist.weights.h5",
            "sha256": "221b908ae325674ceb7a7dc186c3ab8cab48077ae76ec2da5004a217e190d607",
            "version": 2,
            "bytes": 1151984,
        },
        "record": "ebgan_mnist.json",
    },
    "fgan_js_mnist": {
        "variant": "fgan_js",
        "dataset": "mnist",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
        },
        "paper": "Nowozin et al. 2016, f-GAN (Table 2)",
        "build": {},
        "recipe": {
            "epochs": 2,
            "batch_size": 64,
            "seed": 0,
            "command": (
                "python zoo/recipes/train_preset.py fgan_js_mnist --mnist_dir path/to/mnist"
            ),
        },
        "weights": {
            "file": "fgan_js_mnist.weights.h5",
            "sha256": "cd8a2bea6d7853b7341030aa7652694152a3de6fd910019fcae9363ba7a45ba4",
            "version": 2,
            "bytes": 1151984,
        },
        "record": "fgan_js_mnist.json",
    },
    "fgan_kl_mnist": {
        "variant": "fgan_kl",
        "dataset": "mnist",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
        },
        "paper": "Nowozin et al. 2016, f-GAN (Table 2)",
        "build": {},
        "recipe": {
            "epochs": 2,
            "batch_size": 64,
            "seed": 0,
            "command": (
                "python zoo/recipes/train_preset.py fgan_kl_mnist --mnist_dir path/to/mnist"
            ),
        },
        "weights": {
            "file": "fgan_kl_mnist.weights.h5",
            "sha256": "ccc1d9983c8dd0b7161f1a76ebcb1e9902b50d848aaa03862fc55cb5c20a39a1",
            "version": 2,
            "bytes": 1151984,
        },
        "record": "fgan_kl_mnist.json",
    },
    "fgan_neyman_mnist": {
        "variant": "fgan_neyman",
        "dataset": "mnist",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
        },
        "paper": "Nowozin et al. 2016, f-GAN (Table 2)",
        "build": {},
        "recipe": {
            "epochs": 2,
            "batch_size": 64,
            "seed": 0,
            "command": (
                "python zoo/recipes/train_preset.py fgan_neyman_mnist --mnist_dir "
                "path/to/mnist"
            ),
        },
        "weights": {
            "file": "fgan_neyman_mnist.weights.h5",
            "sha256": "d31f8415ebcfa548e3e8ac9d32c6d030e6ce9b89a646d2f8912c96875226ba80",
            "version": 2,
            "bytes": 1151984,
        },
        "record": "fgan_neyman_mnist.json",
    },
    "fgan_pearson_mnist": {
        "variant": "fgan_pearson",
        "dataset": "mnist",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
        },
        "paper": "Nowozin et al. 2016, f-GAN (Table 2)",
        "build": {},
        "recipe": {
            "epochs": 2,
            "batch_size": 64,
            "seed": 0,
            "command": (
                "python zoo/recipes/train_preset.py fgan_pearson_mnist --mnist_dir "
                "path/to/mnist"
            ),
        },
        "weights": {
            "file": "fgan_pearson_mnist.weights.h5",
            "sha256": "577534e23f791229a3ece8a150b896d4efa5ffe0ec203d1c94c4c37cf78ca099",
            "version": 2,
            "bytes": 1151984,
        },
        "record": "fgan_pearson_mnist.json",
    },
    "fgan_reverse_kl_mnist": {
        "variant": "fgan_reverse_kl",
        "dataset": "mnist",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
        },
        "paper": "Nowozin et al. 2016, f-GAN (Table 2)",
        "build": {},
        "recipe": {
            "epochs": 2,
            "batch_size": 64,
            "seed": 0,
            "command": (
                "python zoo/recipes/train_preset.py fgan_reverse_kl_mnist --mnist_dir "
                "path/to/mnist"
            ),
        },
        "weights": {
            "file": "fgan_reverse_kl_mnist.weights.h5",
            "sha256": "cb0f1b68f05097bde5e803a8d4311441308cad2767c09cdf53d9960844d8e2d5",
            "version": 2,
            "bytes": 1151984,
        },
        "record": "fgan_reverse_kl_mnist.json",
    },
    "fgan_squared_hellinger_mnist": {
        "variant": "fgan_squared_hellinger",
        "dataset": "mnist",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
        },
        "paper": "Nowozin et al. 2016, f-GAN (Table 2)",
        "build": {},
        "recipe": {
            "epochs": 2,
            "batch_size": 64,
            "seed": 0,
            "command": (
                "python zoo/recipes/train_preset.py fgan_squared_hellinger_mnist --mnist_dir "
                "path/to/mnist"
            ),
        },
        "weights": {
            "file": "fgan_squared_hellinger_mnist.weights.h5",
            "sha256": "efa22774627836528c5afdd528c091d351c5ddbcb809eb56917696fbc3f59f97",
            "version": 2,
            "bytes": 1151984,
        },
        "record": "fgan_squared_hellinger_mnist.json",
    },
    "fgan_total_variation_mnist": {
        "variant": "fgan_total_variation",
        "dataset": "mnist",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
        },
        "paper": "Nowozin et al. 2016, f-GAN (Table 2)",
        "build": {"d_regularizers": ["gradient_penalty"], "n_critic": 2},
        "recipe": {
            "epochs": 2,
            "batch_size": 64,
            "seed": 0,
            "command": (
                "python zoo/recipes/train_preset.py fgan_total_variation_mnist --mnist_dir "
                "path/to/mnist"
            ),
        },
        "notes": (
            "With the paper's unregularised critic total variation collapsed (FID 77, IS 1.1 "
            "at 2 epochs: ½·tanh saturates and G's gradient vanishes); a gradient penalty "
            "alone still collapsed in its 2nd epoch (FID 793: G outran D until both outputs "
            "sat in tanh's flat part); with the penalty and two critic steps per G step the "
            "critic stayed responsive (FID 9.8 on 2k samples after 2 epochs)."
        ),
        "weights": {
            "file": "fgan_total_variation_mnist.weights.h5",
            "sha256": "ebf6a942573506e59a747813a9ab153506d66ced82963c9ef0643712f62b4ea6",
            "version": 1,
            "bytes": 1151984,
        },
        "record": "fgan_total_variation_mnist.json",
    },
    "gan_mnist": {
        "variant": "gan",
        "dataset": "mnist",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
        },
        "paper": "Goodfellow et al. 2014, Generative Adversarial Nets",
        "build": {},
        "recipe": {
            "epochs": 15,
            "batch_size": 64,
            "seed": 0,
            "command": "python zoo/recipes/train_preset.py gan_mnist --mnist_dir path/to/mnist",
        },
        "notes": "The MLP GANs are cheap per epoch (≈ 30 s) and slow to converge: 15 epochs.",
        "weights": {
            "file": "gan_mnist.weights.h5",
            "sha256": "cc7a078f6ebf4d55e4d479ef8a095a1cbadc2ecde294f218f12551b467081ce0",
            "version": 2,
            "bytes": 2986424,
        },
        "record": "gan_mnist.json",
    },
    "lsgan_mnist": {
        "variant": "lsgan",
        "dataset": "mnist",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
        },
        "paper": "Mao et al. 2017, Least Squares Generative Adversarial Networks",
        "build": {},
        "recipe": {
            "epochs": 2,
            "batch_size": 64,
            "seed": 0,
            "command": (
                "python zoo/recipes/train_preset.py lsgan_mnist --mnist_dir path/to/mnist"
            ),
        },
        "weights": {
            "file": "lsgan_mnist.weights.h5",
            "sha256": "55798216157598e5009bb51c26bf3781b47a30a604ac375f004389b637a2c317",
            "version": 2,
            "bytes": 1151984,
        },
        "record": "lsgan_mnist.json",
    },
    "nsgan_mnist": {
        "variant": "nsgan",
        "dataset": "mnist",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
        },
        "paper": "Goodfellow et al. 2014, Generative Adversarial Nets (§3)",
        "build": {},
        "recipe": {
            "epochs": 15,
            "batch_size": 64,
            "seed": 0,
            "command": (
                "python zoo/recipes/train_preset.py nsgan_mnist --mnist_dir path/to/mnist"
            ),
        },
        "notes": "The MLP GANs are cheap per epoch (≈ 30 s) and slow to converge: 15 epochs.",
        "weights": {
            "file": "nsgan_mnist.weights.h5",
            "sha256": "740a87c527fe69757490ce3bbb272baf13746b22c3c3cdd3ef6f2545305d802b",
            "version": 2,
            "bytes": 2986424,
        },
        "record": "nsgan_mnist.json",
    },
    "sngan_mnist": {
        "variant": "sngan",
        "dataset": "mnist",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
        },
        "paper": "Miyato et al. 2018, Spectral Normalization for GANs",
        "build": {},
        "recipe": {
            "epochs": 2,
            "batch_size": 64,
            "seed": 0,
            "command": (
                "python zoo/recipes/train_preset.py sngan_mnist --mnist_dir path/to/mnist"
            ),
        },
        "weights": {
            "file": "sngan_mnist.weights.h5",
            "sha256": "dff16ae087ffedbc07ba4d7ee8d94c064b9e0022916663a4797a1d3381704a6b",
            "version": 2,
            "bytes": 1151984,
        },
        "record": "sngan_mnist.json",
    },
    "wgan_gp_mnist": {
        "variant": "wgan_gp",
        "dataset": "mnist",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
        },
        "paper": "Gulrajani et al. 2017, Improved Training of Wasserstein GANs",
        "build": {},
        "recipe": {
            "epochs": 2,
            "batch_size": 64,
            "seed": 0,
            "command": (
                "python zoo/recipes/train_preset.py wgan_gp_mnist --mnist_dir path/to/mnist"
            ),
        },
        "weights": {
            "file": "wgan_gp_mnist.weights.h5",
            "sha256": "10fbbaf8d005b59170e659617aa110b117c62e338976b48e1d0cb950f9e337e8",
            "version": 2,
            "bytes": 1151984,
        },
        "record": "wgan_gp_mnist.json",
    },
    "wgan_mnist": {
        "variant": "wgan",
        "dataset": "mnist",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
        },
        "paper": "Arjovsky et al. 2017, Wasserstein GAN",
        "build": {},
        "recipe": {
            "epochs": 6,
            "batch_size": 64,
            "seed": 0,
            "command": (
                "python zoo/recipes/train_preset.py wgan_mnist --mnist_dir path/to/mnist"
            ),
        },
        "notes": (
            "6 epochs: weight-clipped WGAN's RMSprop(5e-5) critic gave FID 24.9 (blobs) after "
            "2."
        ),
        "weights": {
            "file": "wgan_mnist.weights.h5",
            "sha256": "dee4232b2915617d9829a2382df67bb9564d21a6baa7ab8bcfca96b9ea5eb65c",
            "version": 2,
            "bytes": 1151984,
        },
        "record": "wgan_mnist.json",
    },
    "dcgan_celeba": {
        "variant": "dcgan",
        "dataset": "celeba",
        "latent_dim": 128,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CelebA: non-commercial research purposes only (MMLAB, CUHK)",
        },
        "paper": "Radford et al. 2016, Unsupervised Representation Learning with DCGANs",
        "build": {},
        "recipe": {
            "epochs": 20,
            "batch_size": 64,
            "seed": 0,
            "tfds": "celeb_a",
            "command": (
                "python zoo/recipes/train_preset.py dcgan_celeba  # needs tfds 'celeb_a' "
                "prepared"
            ),
        },
        "weights": None,
        "record": None,
    },
    "dragan_celeba": {
        "variant": "dragan",
        "dataset": "celeba",
        "latent_dim": 128,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CelebA: non-commercial research purposes only (MMLAB, CUHK)",
        },
        "paper": "Kodali et al. 2017, On Convergence and Stability of GANs",
        "build": {},
        "recipe": {
            "epochs": 20,
            "batch_size": 64,
            "seed": 0,
            "tfds": "celeb_a",
            "command": (
                "python zoo/recipes/train_preset.py dragan_celeba  # needs tfds 'celeb_a' "
                "prepared"
            ),
        },
        "weights": None,
        "record": None,
    },
    "lsgan_celeba": {
        "variant": "lsgan",
        "dataset": "celeba",
        "latent_dim": 128,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CelebA: non-commercial research purposes only (MMLAB, CUHK)",
        },
        "paper": "Mao et al. 2017, Least Squares Generative Adversarial Networks",
        "build": {},
        "recipe": {
            "epochs": 20,
            "batch_size": 64,
            "seed": 0,
            "tfds": "celeb_a",
            "command": (
                "python zoo/recipes/train_preset.py lsgan_celeba  # needs tfds 'celeb_a' "
                "prepared"
            ),
        },
        "weights": None,
        "record": None,
    },
    "sngan_celeba": {
        "variant": "sngan",
        "dataset": "celeba",
        "latent_dim": 128,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CelebA: non-commercial research purposes only (MMLAB, CUHK)",
        },
        "paper": "Miyato et al. 2018, Spectral Normalization for GANs",
        "build": {},
        "recipe": {
            "epochs": 20,
            "batch_size": 64,
            "seed": 0,
            "tfds": "celeb_a",
            "command": (
                "python zoo/recipes/train_preset.py sngan_celeba  # needs tfds 'celeb_a' "
                "prepared"
            ),
        },
        "weights": None,
        "record": None,
    },
    "wgan_gp_celeba": {
        "variant": "wgan_gp",
        "dataset": "celeba",
        "latent_dim": 128,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CelebA: non-commercial research purposes only (MMLAB, CUHK)",
        },
        "paper": "Gulrajani et al. 2017, Improved Training of Wasserstein GANs",
        "build": {},
        "recipe": {
            "epochs": 20,
            "batch_size": 64,
            "seed": 0,
            "tfds": "celeb_a",
            "command": (
                "python zoo/recipes/train_preset.py wgan_gp_celeba  # needs tfds 'celeb_a' "
                "prepared"
            ),
        },
        "weights": None,
        "record": None,
    },
    "dcgan_cifar10": {
        "variant": "dcgan",
        "dataset": "cifar10",
        "latent_dim": 128,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": (
                "no explicit license; cite Krizhevsky 2009, Learning Multiple Layers of "
                "Features from Tiny Images"
            ),
        },
        "paper": "Radford et al. 2016, Unsupervised Representation Learning with DCGANs",
        "build": {},
        "recipe": {
            "epochs": 20,
            "batch_size": 64,
            "seed": 0,
            "tfds": "cifar10",
            "command": (
                "python zoo/recipes/train_preset.py dcgan_cifar10  # needs tfds 'cifar10' "
                "prepared"
            ),
        },
        "weights": None,
        "record": None,
    },
    "dragan_cifar10": {
        "variant": "dragan",
        "dataset": "cifar10",
        "latent_dim": 128,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": (
                "no explicit license; cite Krizhevsky 2009, Learning Multiple Layers of "
                "Features from Tiny Images"
            ),
        },
        "paper": "Kodali et al. 2017, On Convergence and Stability of GANs",
        "build": {},
        "recipe": {
            "epochs": 20,
            "batch_size": 64,
            "seed": 0,
            "tfds": "cifar10",
            "command": (
                "python zoo/recipes/train_preset.py dragan_cifar10  # needs tfds 'cifar10' "
                "prepared"
            ),
        },
        "weights": None,
        "record": None,
    },
    "lsgan_cifar10": {
        "variant": "lsgan",
        "dataset": "cifar10",
        "latent_dim": 128,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": (
                "no explicit license; cite Krizhevsky 2009, Learning Multiple Layers of "
                "Features from Tiny Images"
            ),
        },
        "paper": "Mao et al. 2017, Least Squares Generative Adversarial Networks",
        "build": {},
        "recipe": {
            "epochs": 20,
            "batch_size": 64,
            "seed": 0,
            "tfds": "cifar10",
            "command": (
                "python zoo/recipes/train_preset.py lsgan_cifar10  # needs tfds 'cifar10' "
                "prepared"
            ),
        },
        "weights": None,
        "record": None,
    },
    "sngan_cifar10": {
        "variant": "sngan",
        "dataset": "cifar10",
        "latent_dim": 128,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": (
                "no explicit license; cite Krizhevsky 2009, Learning Multiple Layers of "
                "Features from Tiny Images"
            ),
        },
        "paper": "Miyato et al. 2018, Spectral Normalization for GANs",
        "build": {},
        "recipe": {
            "epochs": 20,
            "batch_size": 64,
            "seed": 0,
            "tfds": "cifar10",
            "command": (
                "python zoo/recipes/train_preset.py sngan_cifar10  # needs tfds 'cifar10' "
                "prepared"
            ),
        },
        "weights": None,
        "record": None,
    },
    "wgan_gp_cifar10": {
        "variant": "wgan_gp",
        "dataset": "cifar10",
        "latent_dim": 128,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": (
                "no explicit license; cite Krizhevsky 2009, Learning Multiple Layers of "
                "Features from Tiny Images"
            ),
        },
        "paper": "Gulrajani et al. 2017, Improved Training of Wasserstein GANs",
        "build": {},
        "recipe": {
            "epochs": 20,
            "batch_size": 64,
            "seed": 0,
            "tfds": "cifar10",
            "command": (
                "python zoo/recipes/train_preset.py wgan_gp_cifar10  # needs tfds 'cifar10' "
                "prepared"
            ),
        },
        "weights": None,
        "record": None,
    },
    "dragan_ring8": {
        "variant": "dragan",
        "dataset": "ring8",
        "latent_dim": 2,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "synthetic (no license needed)",
        },
        "paper": "Kodali et al. 2017, On Convergence and Stability of GANs",
        "build": {
            "generator": {"hidden_units": [400, 400, 400, 400], "normalization": "batch"},
            "discriminator": {"hidden_units": [200, 200, 200], "maxout_pieces": 5},
            "pack": 2,
            "ema_decay": 0.999,
            "d_optimizer": {
                "class_name": "Adam",
                "config": {
                    "learning_rate": {
                        "module": "keras.optimizers.schedules",
                        "class_name": "CosineDecay",
                        "config": {
                            "initial_learning_rate": 0.0002,
                            "decay_steps": 200000,
                            "alpha": 0.0,
                        },
                    },
                    "beta_1": 0.8,
                    "beta_2": 0.999,
                },
            },
            "g_optimizer": {
                "class_name": "Adam",
                "config": {
                    "learning_rate": {
                        "module": "keras.optimizers.schedules",
                        "class_name": "CosineDecay",
                        "config": {
                            "initial_learning_rate": 0.0002,
                            "decay_steps": 200000,
                            "alpha": 0.0,
                        },
                    },
                    "beta_1": 0.8,
                    "beta_2": 0.999,
                },
            },
        },
        "recipe": {
            "steps": 200000,
            "batch_size": 100,
            "jit_compile": True,
            "steps_per_execution": 50,
            "seed": 0,
            "command": "python zoo/recipes/train_preset.py dragan_ring8",
        },
        "notes": (
            "The mode benchmark's recipe that beat PacGAN's bars for all five variants "
            "(benchmarks/results/modes_pacgan_cosine_ema): PacGAN's maxout D (5 pieces) "
            "scoring packs of 2 (ring8), one Adam(2e-4, β=(0.8, 0.999)) per net cosine-decayed "
            "to 0 over the run, samples from a 0.999 EMA of G, batch 100."
        ),
        "weights": {
            "file": "dragan_ring8.weights.h5",
            "sha256": "89e4ec10c4fdf8d600115e538c337175ef6c8becf44d3568a6bc432dca5b29ed",
            "version": 3,
            "bytes": 1025504,
        },
        "record": "dragan_ring8.json",
    },
    "lsgan_ring8": {
        "variant": "lsgan",
        "dataset": "ring8",
        "latent_dim": 2,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "synthetic (no license needed)",
        },
        "paper": "Mao et al. 2017, Least Squares Generative Adversarial Networks",
        "build": {
            "generator": {"hidden_units": [400, 400, 400, 400], "normalization": "batch"},
            "discriminator": {"hidden_units": [200, 200, 200], "maxout_pieces": 5},
            "pack": 4,
            "ema_decay": 0.999,
            "d_optimizer": {
                "class_name": "Adam",
                "config": {
                    "learning_rate": {
                        "module": "keras.optimizers.schedules",
                        "class_name": "CosineDecay",
                        "config": {
                            "initial_learning_rate": 0.0002,
                            "decay_steps": 200000,
                            "alpha": 0.0,
                        },
                    },
                    "beta_1": 0.8,
                    "beta_2": 0.999,
                },
            },
            "g_optimizer": {
                "class_name": "Adam",
                "config": {
                    "learning_rate": {
                        "module": "keras.optimizers.schedules",
                        "class_name": "CosineDecay",
                        "config": {
                            "initial_learning_rate": 0.0002,
                            "decay_steps": 200000,
                            "alpha": 0.0,
                        },
                    },
                    "beta_1": 0.8,
                    "beta_2": 0.999,
                },
            },
        },
        "recipe": {
            "steps": 200000,
            "batch_size": 100,
            "jit_compile": True,
            "steps_per_execution": 50,
            "seed": 0,
            "command": "python zoo/recipes/train_preset.py lsgan_ring8",
        },
        "notes": (
            "The mode benchmark's recipe that beat PacGAN's bars for all five variants "
            "(benchmarks/results/modes_pacgan_cosine_ema): PacGAN's maxout D (5 pieces), "
            "one Adam(2e-4, β=(0.8, 0.999)) per net cosine-decayed to 0 over the run, samples "
            "from a 0.999 EMA of G, batch 100; D scores packs of 4, not 2: with packs of 2 "
            "one of the 8 modes kept 3 of 2,500 samples in the benchmark run and none in "
            "version 3 of these weights (7/8)."
        ),
        "weights": {
            "file": "lsgan_ring8.weights.h5",
            "sha256": "782e0521e43e68c2b8a0e6876c2014b47bf0fa9deee8443ef0a4c4466eab692b",
            "version": 4,
            "bytes": 1025504,
        },
        "record": "lsgan_ring8.json",
    },
    "nsgan_ring8": {
        "variant": "nsgan",
        "dataset": "ring8",
        "latent_dim": 2,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "synthetic (no license needed)",
        },
        "paper": "Goodfellow et al. 2014, Generative Adversarial Nets (§3)",
        "build": {
            "generator": {"hidden_units": [400, 400, 400, 400], "normalization": "batch"},
            "discriminator": {"hidden_units": [200, 200, 200], "maxout_pieces": 5},
            "pack": 2,
            "ema_decay": 0.999,
            "d_optimizer": {
                "class_name": "Adam",
                "config": {
                    "learning_rate": {
                        "module": "keras.optimizers.schedules",
                        "class_name": "CosineDecay",
                        "config": {
                            "initial_learning_rate": 0.0002,
                            "decay_steps": 200000,
                            "alpha": 0.0,
                        },
                    },
                    "beta_1": 0.8,
                    "beta_2": 0.999,
                },
            },
            "g_optimizer": {
                "class_name": "Adam",
                "config": {
                    "learning_rate": {
                        "module": "keras.optimizers.schedules",
                        "class_name": "CosineDecay",
                        "config": {
                            "initial_learning_rate": 0.0002,
                            "decay_steps": 200000,
                            "alpha": 0.0,
                        },
                    },
                    "beta_1": 0.8,
                    "beta_2": 0.999,
                },
            },
        },
        "recipe": {
            "steps": 200000,
            "batch_size": 100,
            "jit_compile": True,
            "steps_per_execution": 50,
            "seed": 0,
            "command": "python zoo/recipes/train_preset.py nsgan_ring8",
        },
        "notes": (
            "The mode benchmark's recipe that beat PacGAN's bars for all five variants "
            "(benchmarks/results/modes_pacgan_cosine_ema): PacGAN's maxout D (5 pieces) "
            "scoring packs of 2 (ring8), one Adam(2e-4, β=(0.8, 0.999)) per net cosine-decayed "
            "to 0 over the run, samples from a 0.999 EMA of G, batch 100."
        ),
        "weights": {
            "file": "nsgan_ring8.weights.h5",
            "sha256": "da9353641f029a08eadd35a3e23a0516dd6ba5a45e4cf0c0d44003eee17df869",
            "version": 3,
            "bytes": 1025504,
        },
        "record": "nsgan_ring8.json",
    },
    "sngan_ring8": {
        "variant": "sngan",
        "dataset": "ring8",
        "latent_dim": 2,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "synthetic (no license needed)",
        },
        "paper": "Miyato et al. 2018, Spectral Normalization for GANs",
        "build": {
            "generator": {"hidden_units": [400, 400, 400, 400], "normalization": "batch"},
            "discriminator": {"hidden_units": [200, 200, 200], "maxout_pieces": 5},
            "pack": 2,
            "ema_decay": 0.999,
            "d_optimizer": {
                "class_name": "Adam",
                "config": {
                    "learning_rate": {
                        "module": "keras.optimizers.schedules",
                        "class_name": "CosineDecay",
                        "config": {
                            "initial_learning_rate": 0.0002,
                            "decay_steps": 200000,
                            "alpha": 0.0,
                        },
                    },
                    "beta_1": 0.8,
                    "beta_2": 0.999,
                },
            },
            "g_optimizer": {
                "class_name": "Adam",
                "config": {
                    "learning_rate": {
                        "module": "keras.optimizers.schedules",
                        "class_name": "CosineDecay",
                        "config": {
                            "initial_learning_rate": 0.0002,
                            "decay_steps": 200000,
                            "alpha": 0.0,
                        },
                    },
                    "beta_1": 0.8,
                    "beta_2": 0.999,
                },
            },
        },
        "recipe": {
            "steps": 200000,
            "batch_size": 100,
            "jit_compile": True,
            "steps_per_execution": 50,
            "seed": 0,
            "command": "python zoo/recipes/train_preset.py sngan_ring8",
        },
        "notes": (
            "The mode benchmark's recipe that beat PacGAN's bars for all five variants "
            "(benchmarks/results/modes_pacgan_cosine_ema): PacGAN's maxout D (5 pieces) "
            "scoring packs of 2 (ring8), one Adam(2e-4, β=(0.8, 0.999)) per net cosine-decayed "
            "to 0 over the run, samples from a 0.999 EMA of G, batch 100."
        ),
        "weights": {
            "file": "sngan_ring8.weights.h5",
            "sha256": "c66ab455a84ef77fc355b0a11c5a4b2385bc70a31da59e4237ea726dcedd3874",
            "version": 3,
            "bytes": 1025504,
        },
        "record": "sngan_ring8.json",
    },
    "wgan_gp_ring8": {
        "variant": "wgan_gp",
        "dataset": "ring8",
        "latent_dim": 2,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "synthetic (no license needed)",
        },
        "paper": "Gulrajani et al. 2017, Improved Training of Wasserstein GANs",
        "build": {
            "generator": {"hidden_units": [400, 400, 400, 400], "normalization": "batch"},
            "discriminator": {"hidden_units": [200, 200, 200], "maxout_pieces": 5},
            "pack": 2,
            "ema_decay": 0.999,
            "d_optimizer": {
                "class_name": "Adam",
                "config": {
                    "learning_rate": {
                        "module": "keras.optimizers.schedules",
                        "class_name": "CosineDecay",
                        "config": {
                            "initial_learning_rate": 0.0002,
                            "decay_steps": 200000,
                            "alpha": 0.0,
                        },
                    },
                    "beta_1": 0.8,
                    "beta_2": 0.999,
                },
            },
            "g_optimizer": {
                "class_name": "Adam",
                "config": {
                    "learning_rate": {
                        "module": "keras.optimizers.schedules",
                        "class_name": "CosineDecay",
                        "config": {
                            "initial_learning_rate": 0.0002,
                            "decay_steps": 200000,
                            "alpha": 0.0,
                        },
                    },
                    "beta_1": 0.8,
                    "beta_2": 0.999,
                },
            },
            "n_critic": 1,
            "d_regularizers": [
                {
                    "module": "keras_gans.regularizers",
                    "class_name": "GradientPenalty",
                    "config": {"weight": 0.1, "target": 1.0, "one_sided": False},
                    "registered_name": "keras_gans>GradientPenalty",
                },
            ],
        },
        "recipe": {
            "steps": 200000,
            "batch_size": 100,
            "jit_compile": True,
            "steps_per_execution": 50,
            "seed": 0,
            "command": "python zoo/recipes/train_preset.py wgan_gp_ring8",
        },
        "notes": (
            "The mode benchmark's recipe that beat PacGAN's bars for all five variants "
            "(benchmarks/results/modes_pacgan_cosine_ema): PacGAN's maxout D (5 pieces) "
            "scoring packs of 2 (ring8), one Adam(2e-4, β=(0.8, 0.999)) per net cosine-decayed "
            "to 0 over the run, samples from a 0.999 EMA of G, batch 100. WGAN-GP takes one "
            "critic step and λ 0.1 (benchmarks/results/modes_wgan_gp_one_critic_step)."
        ),
        "weights": {
            "file": "wgan_gp_ring8.weights.h5",
            "sha256": "80385fd88fc580050530101f40e470cba54bc6850d064ff2b3cab443c01081ec",
            "version": 3,
            "bytes": 1025504,
        },
        "record": "wgan_gp_ring8.json",
    },
    "dragan_grid25": {
        "variant": "dragan",
        "dataset": "grid25",
        "latent_dim": 2,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "synthetic (no license needed)",
        },
        "paper": "Kodali et al. 2017, On Convergence and Stability of GANs",
        "build": {
            "generator": {"hidden_units": [400, 400, 400, 400], "normalization": "batch"},
            "discriminator": {"hidden_units": [200, 200, 200], "maxout_pieces": 5},
            "pack": 4,
            "ema_decay": 0.999,
            "d_optimizer": {
                "class_name": "Adam",
                "config": {
                    "learning_rate": {
                        "module": "keras.optimizers.schedules",
                        "class_name": "CosineDecay",
                        "config": {
                            "initial_learning_rate": 0.0002,
                            "decay_steps": 400000,
                            "alpha": 0.0,
                        },
                    },
                    "beta_1": 0.8,
                    "beta_2": 0.999,
                },
            },
            "g_optimizer": {
                "class_name": "Adam",
                "config": {
                    "learning_rate": {
                        "module": "keras.optimizers.schedules",
                        "class_name": "CosineDecay",
                        "config": {
                            "initial_learning_rate": 0.0002,
                            "decay_steps": 400000,
                            "alpha": 0.0,
                        },
                    },
                    "beta_1": 0.8,
                    "beta_2": 0.999,
                },
            },
        },
        "recipe": {
            "steps": 400000,
            "batch_size": 100,
            "jit_compile": True,
            "steps_per_execution": 50,
            "seed": 0,
            "command": "python zoo/recipes/train_preset.py dragan_grid25",
        },
        "notes": (
            "The mode benchmark's recipe that beat PacGAN's bars for all five variants "
            "(benchmarks/results/modes_pacgan_cosine_ema): PacGAN's maxout D (5 pieces) "
            "scoring packs of 4 (grid25), one Adam(2e-4, β=(0.8, 0.999)) per net "
            "cosine-decayed to 0 over the run, samples from a 0.999 EMA of G, batch 100."
        ),
        "weights": {
            "file": "dragan_grid25.weights.h5",
            "sha256": "50bd4657584acff8936ca9fd0a28182c5ced435e2d273232083e223d47b134c5",
            "version": 3,
            "bytes": 1025504,
        },
        "record": "dragan_grid25.json",
    },
    "lsgan_grid25": {
        "variant": "lsgan",
        "dataset": "grid25",
        "latent_dim": 2,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "synthetic (no license needed)",
        },
        "paper": "Mao et al. 2017, Least Squares Generative Adversarial Networks",
        "build": {
            "generator": {"hidden_units": [400, 400, 400, 400], "normalization": "batch"},
            "discriminator": {"hidden_units": [200, 200, 200], "maxout_pieces": 5},
            "pack": 4,
            "ema_decay": 0.999,
            "d_optimizer": {
                "class_name": "Adam",
                "config": {
                    "learning_rate": {
                        "module": "keras.optimizers.schedules",
                        "class_name": "CosineDecay",
                        "config": {
                            "initial_learning_rate": 0.0002,
                            "decay_steps": 400000,
                            "alpha": 0.0,
                        },
                    },
                    "beta_1": 0.8,
                    "beta_2": 0.999,
                },
            },
            "g_optimizer": {
                "class_name": "Adam",
                "config": {
                    "learning_rate": {
                        "module": "keras.optimizers.schedules",
                        "class_name": "CosineDecay",
                        "config": {
                            "initial_learning_rate": 0.0002,
                            "decay_steps": 400000,
                            "alpha": 0.0,
                        },
                    },
                    "beta_1": 0.8,
                    "beta_2": 0.999,
                },
            },
        },
        "recipe": {
            "steps": 400000,
            "batch_size": 100,
            "jit_compile": True,
            "steps_per_execution": 50,
            "seed": 0,
            "command": "python zoo/recipes/train_preset.py lsgan_grid25",
        },
        "notes": (
            "The mode benchmark's recipe that beat PacGAN's bars for all five variants "
            "(benchmarks/results/modes_pacgan_cosine_ema): PacGAN's maxout D (5 pieces) "
            "scoring packs of 4 (grid25), one Adam(2e-4, β=(0.8, 0.999)) per net "
            "cosine-decayed to 0 over the run, samples from a 0.999 EMA of G, batch 100."
        ),
        "weights": {
            "file": "lsgan_grid25.weights.h5",
            "sha256": "fb5ece8f7ceb9b6753739fa2f691c61e343da9b0a2f13bd05c1f7923e8caf64d",
            "version": 3,
            "bytes": 1025504,
        },
        "record": "lsgan_grid25.json",
    },
    "nsgan_grid25": {
        "variant": "nsgan",
        "dataset": "grid25",
        "latent_dim": 2,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "synthetic (no license needed)",
        },
        "paper": "Goodfellow et al. 2014, Generative Adversarial Nets (§3)",
        "build": {
            "generator": {"hidden_units": [400, 400, 400, 400], "normalization": "batch"},
            "discriminator": {"hidden_units": [200, 200, 200], "maxout_pieces": 5},
            "pack": 4,
            "ema_decay": 0.999,
            "d_optimizer": {
                "class_name": "Adam",
                "config": {
                    "learning_rate": {
                        "module": "keras.optimizers.schedules",
                        "class_name": "CosineDecay",
                        "config": {
                            "initial_learning_rate": 0.0002,
                            "decay_steps": 400000,
                            "alpha": 0.0,
                        },
                    },
                    "beta_1": 0.8,
                    "beta_2": 0.999,
                },
            },
            "g_optimizer": {
                "class_name": "Adam",
                "config": {
                    "learning_rate": {
                        "module": "keras.optimizers.schedules",
                        "class_name": "CosineDecay",
                        "config": {
                            "initial_learning_rate": 0.0002,
                            "decay_steps": 400000,
                            "alpha": 0.0,
                        },
                    },
                    "beta_1": 0.8,
                    "beta_2": 0.999,
                },
            },
        },
        "recipe": {
            "steps": 400000,
            "batch_size": 100,
            "jit_compile": True,
            "steps_per_execution": 50,
            "seed": 0,
            "command": "python zoo/recipes/train_preset.py nsgan_grid25",
        },
        "notes": (
            "The mode benchmark's recipe that beat PacGAN's bars for all five variants "
            "(benchmarks/results/modes_pacgan_cosine_ema): PacGAN's maxout D (5 pieces) "
            "scoring packs of 4 (grid25), one Adam(2e-4, β=(0.8, 0.999)) per net "
            "cosine-decayed to 0 over the run, samples from a 0.999 EMA of G, batch 100."
        ),
        "weights": {
            "file": "nsgan_grid25.weights.h5",
            "sha256": "ae8bf289a828a9ac50fbc733c609f5c320c38a6622b3ab855b20a38ac92d7024",
            "version": 3,
            "bytes": 1025504,
        },
        "record": "nsgan_grid25.json",
    },
    "sngan_grid25": {
        "variant": "sngan",
        "dataset": "grid25",
        "latent_dim": 2,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "synthetic (no license needed)",
        },
        "paper": "Miyato et al. 2018, Spectral Normalization for GANs",
        "build": {
            "generator": {"hidden_units": [400, 400, 400, 400], "normalization": "batch"},
            "discriminator": {"hidden_units": [200, 200, 200], "maxout_pieces": 5},
            "pack": 4,
            "ema_decay": 0.999,
            "d_optimizer": {
                "class_name": "Adam",
                "config": {
                    "learning_rate": {
                        "module": "keras.optimizers.schedules",
                        "class_name": "CosineDecay",
                        "config": {
                            "initial_learning_rate": 0.0004,
                            "decay_steps": 1000000,
                            "alpha": 0.0,
                        },
                    },
                    "beta_1": 0.8,
                    "beta_2": 0.999,
                },
            },
            "g_optimizer": {
                "class_name": "Adam",
                "config": {
                    "learning_rate": {
                        "module": "keras.optimizers.schedules",
                        "class_name": "CosineDecay",
                        "config": {
                            "initial_learning_rate": 0.0004,
                            "decay_steps": 1000000,
                            "alpha": 0.0,
                        },
                    },
                    "beta_1": 0.8,
                    "beta_2": 0.999,
                },
            },
            "loss_kwargs": {"margin": 0.01},
        },
        "recipe": {
            "steps": 1000000,
            "batch_size": 100,
            "jit_compile": True,
            "steps_per_execution": 50,
            "seed": 0,
            "command": "python zoo/recipes/train_preset.py sngan_grid25",
        },
        "notes": (
            "The mode benchmark's recipe that beat PacGAN's bars for all five variants "
            "(benchmarks/results/modes_pacgan_cosine_ema): PacGAN's maxout D (5 pieces) "
            "scoring packs of 4 (grid25), one Adam(2e-4, β=(0.8, 0.999)) per net "
            "cosine-decayed to 0 over the run, samples from a 0.999 EMA of G, batch 100. SNGAN "
            "takes a hinge margin of 0.01 at twice the rate "
            "(benchmarks/results/modes_sngan_rate4e-4), over 1,000,000 steps. Both benchmark "
            "runs of this recipe capture every mode; this preset's run (resumed from its "
            "backup over three sessions) lost the grid's middle column and misses the bar "
            "(see Measured)."
        ),
        "weights": {
            "file": "sngan_grid25.weights.h5",
            "sha256": "8514c9b83690f509d90df5f28c6ba3f5d41a61c2f06f65b7097c6454dc8ddd41",
            "version": 3,
            "bytes": 1025504,
        },
        "record": "sngan_grid25.json",
    },
    "wgan_gp_grid25": {
        "variant": "wgan_gp",
        "dataset": "grid25",
        "latent_dim": 2,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "synthetic (no license needed)",
        },
        "paper": "Gulrajani et al. 2017, Improved Training of Wasserstein GANs",
        "build": {
            "generator": {"hidden_units": [400, 400, 400, 400], "normalization": "batch"},
            "discriminator": {"hidden_units": [200, 200, 200], "maxout_pieces": 5},
            "pack": 4,
            "ema_decay": 0.999,
            "d_optimizer": {
                "class_name": "Adam",
                "config": {
                    "learning_rate": {
                        "module": "keras.optimizers.schedules",
                        "class_name": "CosineDecay",
                        "config": {
                            "initial_learning_rate": 0.0002,
                            "decay_steps": 800000,
                            "alpha": 0.0,
                        },
                    },
                    "beta_1": 0.8,
                    "beta_2": 0.999,
                },
            },
            "g_optimizer": {
                "class_name": "Adam",
                "config": {
                    "learning_rate": {
                        "module": "keras.optimizers.schedules",
                        "class_name": "CosineDecay",
                        "config": {
                            "initial_learning_rate": 0.0002,
                            "decay_steps": 800000,
                            "alpha": 0.0,
                        },
                    },
                    "beta_1": 0.8,
                    "beta_2": 0.999,
                },
            },
            "n_critic": 1,
            "d_regularizers": [
                {
                    "module": "keras_gans.regularizers",
                    "class_name": "GradientPenalty",
                    "config": {"weight": 0.1, "target": 1.0, "one_sided": False},
                    "registered_name": "keras_gans>GradientPenalty",
                },
            ],
        },
        "recipe": {
            "steps": 800000,
            "batch_size": 100,
            "jit_compile": True,
            "steps_per_execution": 50,
            "seed": 0,
            "command": "python zoo/recipes/train_preset.py wgan_gp_grid25",
        },
        "notes": (
            "The mode benchmark's recipe that beat PacGAN's bars for all five variants "
            "(benchmarks/results/modes_pacgan_cosine_ema): PacGAN's maxout D (5 pieces) "
            "scoring packs of 4 (grid25), one Adam(2e-4, β=(0.8, 0.999)) per net "
            "cosine-decayed to 0 over the run, samples from a 0.999 EMA of G, batch 100. "
            "WGAN-GP takes one critic step and λ 0.1 "
            "(benchmarks/results/modes_wgan_gp_one_critic_step), over 800,000 steps."
        ),
        "weights": {
            "file": "wgan_gp_grid25.weights.h5",
            "sha256": "9313cd1c8c9bfdc0cf1f94fd265f58a9d9e82f878f985d54a8341b6b5a7c6f5a",
            "version": 3,
            "bytes": 1025504,
        },
        "record": "wgan_gp_grid25.json",
    },
}
